"""Load spec/*.yaml keeping line numbers, and refuse what YAML would silently accept.

Every mapping becomes a `Node` (a dict) that remembers the file and line it came from, so
validation errors can say `file:line: entry: what is wrong`. Duplicate keys, which PyYAML
would quietly collapse into the last one, are errors here.
"""
import yaml


class SpecError(Exception):
    """One problem in a spec file, already formatted as `file:line: entry: message`."""


class Node(dict):
    file = "?"
    line = 0

    def where(self):
        return f"{self.file}:{self.line}"


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    out = Node()
    out.file = loader.spec_file
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise SpecError(
                f"{loader.spec_file}:{key_node.start_mark.line + 1}: "
                f"duplicate key '{key}' in one mapping")
        out[key] = loader.construct_object(value_node, deep=True)
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(path, display_name=None):
    """Parse one YAML file; every mapping in it is a Node carrying its line."""
    name = display_name or path
    with open(path, encoding="utf-8") as f:
        text = f.read()
    loader = _Loader(text)
    loader.spec_file = name
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise SpecError(f"{name}:{line}: not valid YAML: {getattr(e, 'problem', e)}") from None
    finally:
        loader.dispose()
    if not isinstance(data, Node):
        raise SpecError(f"{name}:1: the file must be a mapping of top-level keys")
    return data
