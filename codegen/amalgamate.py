"""Assemble the single header xvcpu.h from the parts in xvcpu/, in the order xvcpu/ORDER gives.

ORDER lists one part per line; the line `@implementation` separates the declarations (always
visible) from the implementation (compiled only where XVCPU_IMPLEMENTATION is defined).
`gen/NAME` parts come from the generator's fresh output, so xvcpu.h never mixes stale parts.
Every part file under xvcpu/ (*.h) must be listed, every listed part must exist, and every
generated file must be listed: a part left out of ORDER would silently vanish from xvcpu.h.
"""
import os

PREAMBLE = "manual.txt"


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def _check_listing(xvcpu_dir, order, generated):
    """Refuse an ORDER that names a missing part, names one twice, or leaves a part out."""
    problems = []
    listed = [n for n in order if n != "@implementation"]
    for name in sorted({n for n in listed if listed.count(n) > 1}):
        problems.append(f"xvcpu/ORDER: {name} is listed more than once")
    on_disk = set()
    for dirpath, _, files in os.walk(xvcpu_dir):
        rel = os.path.relpath(dirpath, xvcpu_dir)
        if rel == "gen" or rel.startswith("gen" + os.sep):
            continue
        for f in files:
            if f.endswith(".h"):
                on_disk.add(os.path.normpath(os.path.join(rel, f)).replace(os.sep, "/"))
    for name in listed:
        if name.startswith("gen/"):
            continue
        if name not in on_disk:
            problems.append(f"xvcpu/ORDER: {name} is listed but xvcpu/{name} does not exist")
    for name in sorted(on_disk - set(listed)):
        problems.append(f"xvcpu/ORDER: xvcpu/{name} is a part that ORDER does not list")
    for name in sorted(generated):
        if name.endswith(".h") and "gen/" + name not in listed:
            problems.append(f"xvcpu/ORDER: generated gen/{name} is not listed")
    if problems:
        raise SystemExit("\n".join(problems))


def build(xvcpu_dir, generated):
    order = [ln.split("#", 1)[0].strip() for ln in _read(os.path.join(xvcpu_dir, "ORDER")).splitlines()]
    order = [ln for ln in order if ln]
    if order.count("@implementation") != 1:
        raise SystemExit("xvcpu/ORDER: needs exactly one '@implementation' line")
    _check_listing(xvcpu_dir, order, generated)
    split = order.index("@implementation")
    decls, impl = order[:split], order[split + 1:]

    def part(name):
        if name.startswith("gen/"):
            if name[4:] not in generated:
                raise SystemExit(f"xvcpu/ORDER: {name} is not a generated file")
            text = generated[name[4:]]
        else:
            text = _read(os.path.join(xvcpu_dir, name))
        return f"/* ==== xvcpu/{name} ==== */\n{text.rstrip()}\n"

    manual = _read(os.path.join(xvcpu_dir, PREAMBLE)).rstrip()
    out = ["/*\n" + "\n".join((" * " + ln).rstrip() for ln in manual.splitlines()) + "\n */",
           "/* This file is assembled from xvcpu/ by codegen/amalgamate.py - do not edit it; edit the",
           " * parts and run `make gen`. */",
           "",
           "#ifndef XVCPU_H_INCLUDED",
           "#define XVCPU_H_INCLUDED",
           ""]
    out += [part(n) for n in decls]
    out += ["#endif /* XVCPU_H_INCLUDED */", "",
            "#if defined(XVCPU_IMPLEMENTATION) && !defined(XVCPU_IMPLEMENTATION_INCLUDED)",
            "#define XVCPU_IMPLEMENTATION_INCLUDED",
            ""]
    out += [part(n) for n in impl]
    out += ["#endif /* XVCPU_IMPLEMENTATION */", ""]
    return "\n".join(out)
