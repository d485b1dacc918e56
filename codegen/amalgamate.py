"""Assemble the single header xvcpu.h from the parts in xvcpu/, in the order xvcpu/ORDER gives.

ORDER lists one part per line; the line `@implementation` separates the declarations (always
visible) from the implementation (compiled only where XVCPU_IMPLEMENTATION is defined).
`gen/NAME` parts come from the generator's fresh output, so xvcpu.h never mixes stale parts.
"""
import os

PREAMBLE = "manual.txt"


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def build(xvcpu_dir, generated):
    order = [ln.split("#", 1)[0].strip() for ln in _read(os.path.join(xvcpu_dir, "ORDER")).splitlines()]
    order = [ln for ln in order if ln]
    if order.count("@implementation") != 1:
        raise SystemExit("xvcpu/ORDER: needs exactly one '@implementation' line")
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
