#!/usr/bin/env python3
"""xvcpu code generator: spec/*.yaml -> xvcpu/gen/*.h, then the single header xvcpu.h.

  gen.py                     validate the specs, write xvcpu/gen/ and xvcpu.h
  gen.py --check             validate only; exit 1 with `file:line: entry: problem` lines
  gen.py --spec D --out D    use another spec directory / output directory (tests do)
  gen.py --stale             exit 1 if xvcpu/gen/ or xvcpu.h differ from what would be written

Output is deterministic: it depends only on the spec files, the templates and xvcpu/.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jinja2  # noqa: E402

import amalgamate  # noqa: E402
import model  # noqa: E402
from specload import Node, SpecError, load  # noqa: E402

ROOT = os.path.dirname(HERE)

# spec file -> (validator, template, output); order is the include order in xvcpu.h.
SPECS = [
    ("msrs.yaml", model.msrs, "msrs.h.j2", "msrs.h"),
    ("x86_registers.yaml", model.layouts_and_enums, "layouts.h.j2", "x86_registers.h"),
    ("vmcs_fields.yaml", model.vmcs_fields, "vmcs_fields.h.j2", "vmcs_fields.h"),
    ("vmx_controls.yaml", model.vmx_controls, "vmx_controls.h.j2", "vmx_controls.h"),
    ("vmx_exits.yaml", model.vmx_exits, "vmx_exits.h.j2", "vmx_exits.h"),
    ("vmx_errors.yaml", model.vmx_errors, "vmx_errors.h.j2", "vmx_errors.h"),
    ("vmx_formats.yaml", model.layouts_and_enums, "layouts.h.j2", "vmx_formats.h"),
    ("svm_vmcb.yaml", model.svm_structs, "svm_vmcb.h.j2", "svm_vmcb.h"),
    ("svm_exits.yaml", model.svm_exits, "svm_exits.h.j2", "svm_exits.h"),
    ("svm_formats.yaml", model.layouts_and_enums, "layouts.h.j2", "svm_formats.h"),
    ("arm64_sysregs.yaml", model.arm64_sysregs, "arm64_sysregs.h.j2", "arm64_sysregs.h"),
    ("arm64_exceptions.yaml", model.arm64_exceptions, "arm64_exceptions.h.j2", "arm64_exceptions.h"),
    ("arm64_formats.yaml", model.layouts_and_enums, "layouts.h.j2", "arm64_formats.h"),
]


def cross_check(p, m):
    """Checks that span files: control bits named by VMCS fields, MSRs named by controls."""
    words = {w["id"]: w for w in m["vmx_controls.yaml"]}
    fields = {f["name"]: f for f in m["vmcs_fields.yaml"]}
    msrs = {x["name"] for x in m["msrs.yaml"]["msrs"]}
    for f in m["vmcs_fields.yaml"]:
        for r in f["requires"]:
            if r == "always" or r.startswith("cap: "):
                continue
            wid, bit = r.split(".", 1)
            if wid not in words:
                p.add(f["node"], f["name"], f"requires {r!r}: no control word '{wid}'")
            elif bit not in {b["name"] for b in words[wid]["bits"]}:
                p.add(f["node"], f["name"], f"requires {r!r}: word '{wid}' has no bit {bit}")
    for w in m["vmx_controls.yaml"]:
        f = fields.get(w["field"])
        if f is None:
            p.add(w["node"], w["id"], f"field {w['field']!r} is not a VMCS field")
        elif f["group"] != "control" or f["width"] != w["width"]:
            p.add(w["node"], w["id"], f"field {w['field']} is a {f['width']}-bit {f['group']} "
                                      f"field, not a {w['width']}-bit control")
        else:
            w["field_encoding"] = f["encoding"]
        for key in ("cap_msr", "true_cap_msr"):
            if w[key] is not None and w[key] not in msrs:
                p.add(w["node"], w["id"], f"{key} {w[key]!r} is not in msrs.yaml")
        if w["cap_format"] == "allowed1" and w["true_cap_msr"] is not None:
            p.add(w["node"], w["id"], "allowed1 capability MSRs have no TRUE_ variant")


def emitted_names(m):
    """Every macro the generated headers define, with where it comes from, to catch collisions
    between files (e.g. a layout in one file whose field names clash with another's)."""
    out = {}

    def add(name, where):
        out.setdefault(name, []).append(where)

    for f in m["vmcs_fields.yaml"]:
        add(f"XVCPU_VMCS_{f['name']}", f["node"].where())
    for w in m["vmx_controls.yaml"]:
        for b in w["bits"]:
            add(f"XVCPU_{w['ID']}_{b['name']}", b["where"])
    for r in m["vmx_exits.yaml"]["reasons"]:
        add(f"XVCPU_VMX_EXIT_{r['name']}", r["where"])
    for e in m["vmx_errors.yaml"]:
        add(f"XVCPU_VMX_ERR_{e['name']}", e["where"])
    for e in m["svm_exits.yaml"]:
        add(f"XVCPU_SVM_EXIT_{e['name']}", e["where"])
    def add_field(prefix, f):
        # every macro the layout template derives from one field
        base = f"XVCPU_{prefix}_{f['name']}"
        for name in [base + "_SHIFT", base + "_MASK"] + [f"{base}_{v['name']}" for v in f["values"]]:
            add(name, f["where"])
        if f["width"] == 1:
            add(base, f["where"])

    for x in m["msrs.yaml"]["msrs"]:
        add(f"XVCPU_MSR_{x['name']}", x["where"])
        for f in x["fields"]:
            add_field(x["name"], f)
    for r in m["arm64_sysregs.yaml"]:
        add(f"XVCPU_SYSREG_{r['name']}", r["where"])
        if r["has_fields"]:
            add(f"XVCPU_{r['name']}_RES0", r["where"])
            add(f"XVCPU_{r['name']}_RES1", r["where"])
        for f in r["fields"]:
            add_field(r["name"], f)
    for e in m["arm64_exceptions.yaml"]:
        add(f"XVCPU_ARM64_EC_{e['name']}", e["where"])
    for spec in ("x86_registers.yaml", "vmx_formats.yaml", "svm_formats.yaml", "arm64_formats.yaml"):
        for lay in m[spec]["layouts"]:
            for f in lay["fields"]:
                add_field(lay["name"], f)
        for en in m[spec]["enums"]:
            for v in en["values"]:
                add(f"XVCPU_{en['name']}_{v['name']}", en["where"])
    return out


def load_all(spec_dir):
    """Load and validate every spec; return (model, problems)."""
    p = model.Problems()
    m = {}
    for spec, validate, _, _ in SPECS:
        path = os.path.join(spec_dir, spec)
        display = os.path.relpath(path, ROOT) if path.startswith(ROOT) else path
        if not os.path.exists(path):
            p.add(display + ":0", spec, "spec file is missing")
            m[spec] = None
            continue
        try:
            doc = load(path, display)
        except SpecError as e:
            p.items.append(str(e))
            m[spec] = None
            continue
        m[spec] = validate(p, doc)
    if not p.items:
        cross_check(p, m)
        for name, places in sorted(emitted_names(m).items()):
            for later in places[1:]:
                p.add(later, name, f"C name already defined at {places[0]}")
    return m, p.items


def render(m):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(HERE, "templates")),
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["hex"] = lambda v, w=0: f"0x{v:0{w}X}" if w else f"0x{v:X}"
    env.filters["cstr"] = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    out = {}
    for spec, _, template, output in SPECS:
        guard = "XVCPU_GEN_" + output.replace(".", "_").upper()
        text = env.get_template(template).render(spec=spec, m=m[spec], all=m, guard=guard,
                                                 output=output)
        out[output] = text
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--spec", default=os.path.join(ROOT, "spec"))
    ap.add_argument("--out", default=os.path.join(ROOT, "xvcpu", "gen"))
    ap.add_argument("--header", default=os.path.join(ROOT, "xvcpu.h"))
    ap.add_argument("--check", action="store_true", help="validate only")
    ap.add_argument("--stale", action="store_true", help="fail if outputs are not current")
    args = ap.parse_args()

    m, problems = load_all(args.spec)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"codegen: {len(problems)} problem(s) in the spec; nothing written", file=sys.stderr)
        return 1
    if args.check:
        return 0
    files = render(m)
    generated = {os.path.join(args.out, k): v for k, v in files.items()}
    header = amalgamate.build(os.path.join(ROOT, "xvcpu"), files)
    generated[args.header] = header
    if args.stale:
        stale = []
        for path, text in sorted(generated.items()):
            try:
                with open(path, encoding="utf-8") as f:
                    current = f.read()
            except FileNotFoundError:
                current = None
            if current != text:
                stale.append(os.path.relpath(path, ROOT))
        known = set(files)
        for name in sorted(os.listdir(args.out)) if os.path.isdir(args.out) else []:
            if name not in known:
                stale.append(os.path.relpath(os.path.join(args.out, name), ROOT) + " (not generated)")
        for s in stale:
            print(f"stale: {s} (run 'make gen')", file=sys.stderr)
        return 1 if stale else 0
    os.makedirs(args.out, exist_ok=True)
    for path, text in generated.items():
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
