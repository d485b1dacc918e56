"""Validate the loaded spec files and turn them into the model the templates render.

Each check reports `file:line: entry: what is wrong`. All problems are collected, so one run
shows every mistake; any problem means no output is written.
"""
import re

from specload import Node

NAME_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
REF_RE = re.compile(r"^(SDM|APM|Arm ARM|GIC|PSCI) ")
REF_SOURCES = "'SDM ', 'APM ', 'Arm ARM ', 'GIC ' or 'PSCI '"

VMCS_WIDTHS = {16: 0, 64: 1, 32: 2, "natural": 3}      # SDM Vol. 3D B: encoding bits 14:13
VMCS_GROUPS = {"control": 0, "exit_info": 1, "guest": 2, "host": 3}  # encoding bits 11:10
CONTROL_WORD_IDS = ("pin", "proc", "proc2", "proc3", "exit", "exit2", "entry")
CAP_FORMATS = ("allowed0_allowed1", "allowed1")
SCALAR_TYPES = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}


class Problems:
    def __init__(self):
        self.items = []

    def add(self, node, entry, message):
        where = node.where() if isinstance(node, Node) else str(node)
        self.items.append(f"{where}: {entry}: {message}")


def _entry_name(node, key="name"):
    value = node.get(key) if isinstance(node, Node) else None
    return str(value) if value is not None else "(unnamed)"


def _check_keys(p, node, entry, required, optional=()):
    if not isinstance(node, Node):
        p.add(node, entry, "must be a mapping")
        return False
    ok = True
    for key in required:
        if key not in node:
            p.add(node, entry, f"missing key '{key}'")
            ok = False
    for key in node:
        if key not in required and key not in optional:
            p.add(node, entry, f"unknown key '{key}'")
            ok = False
    return ok


def _check_name(p, node, entry, value):
    if not isinstance(value, str) or not NAME_RE.match(value):
        p.add(node, entry, f"name {value!r} is not UPPER_SNAKE_CASE")
        return False
    return True


def _check_ref(p, node, entry):
    ref = node.get("ref")
    if not isinstance(ref, str) or not REF_RE.match(ref):
        p.add(node, entry, f"ref {ref!r} must name its source, starting {REF_SOURCES}")


def _check_int(p, node, entry, key, lo, hi):
    value = node.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        p.add(node, entry, f"{key} {value!r} must be an integer in [{lo:#x}, {hi:#x}]")
        return None
    return value


def _list(p, doc, key, required=True):
    value = doc.get(key)
    if value is None:
        if required:
            p.add(doc, key, "missing top-level list")
        return []
    if not isinstance(value, list):
        p.add(doc, key, "must be a list")
        return []
    return value


def _unique(p, seen, node, entry, what, value):
    if value in seen:
        p.add(node, entry, f"duplicate {what} {value!r} (first at {seen[value].where()})")
        return False
    seen[value] = node
    return True


def _check_top(p, doc, allowed):
    for key in doc:
        if key not in allowed:
            p.add(doc, key, f"unknown top-level key (expected one of: {', '.join(allowed)})")


# --- bit layouts ------------------------------------------------------------------------------

def _parse_bits(p, node, entry, bits, width):
    if isinstance(bits, int) and not isinstance(bits, bool):
        hi = lo = bits
    elif isinstance(bits, str) and re.match(r"^\d+(:\d+)?$", bits):
        parts = [int(x) for x in bits.split(":")]
        hi, lo = (parts[0], parts[-1])
    else:
        p.add(node, entry, f"bits {bits!r} must be a bit number or 'hi:lo'")
        return None
    if hi < lo:
        p.add(node, entry, f"bits '{bits}' has hi < lo")
        return None
    if hi >= width:
        p.add(node, entry, f"bits '{bits}' do not fit the {width}-bit layout")
        return None
    return hi, lo


def _layout_fields(p, layout_name, fields, width, owner):
    """Validate a list of bit fields; return model dicts sorted by low bit."""
    out, names, used = [], {}, {}
    if not isinstance(fields, list) or not fields:
        p.add(owner, layout_name, "fields must be a non-empty list")
        return out
    for f in fields:
        entry = f"{layout_name}.{_entry_name(f)}"
        if not _check_keys(p, f, entry, ("name", "bits"), ("values", "title", "ref")):
            continue
        if not _check_name(p, f, entry, f["name"]):
            continue
        _unique(p, names, f, entry, "field name", f["name"])
        span = _parse_bits(p, f, entry, f["bits"], width)
        if span is None:
            continue
        hi, lo = span
        for bit in range(lo, hi + 1):
            if bit in used:
                p.add(f, entry, f"bit {bit} overlaps field {used[bit]}")
                break
        for bit in range(lo, hi + 1):
            used.setdefault(bit, f["name"])
        values = []
        if "values" in f:
            if not isinstance(f["values"], Node) or not f["values"]:
                p.add(f, entry, "values must be a non-empty mapping NAME: number")
            else:
                seen_v = {}
                for vname, v in f["values"].items():
                    if not _check_name(p, f, f"{entry}.{vname}", vname):
                        continue
                    if not isinstance(v, int) or not 0 <= v < (1 << (hi - lo + 1)):
                        p.add(f, f"{entry}.{vname}", f"value {v!r} does not fit bits {hi}:{lo}")
                        continue
                    if v in seen_v:
                        p.add(f, f"{entry}.{vname}", f"value {v} repeats {seen_v[v]}")
                    seen_v[v] = vname
                    values.append({"name": vname, "value": v})
        out.append({"name": f["name"], "hi": hi, "lo": lo, "width": hi - lo + 1, "where": f.where(),
                    "mask": ((1 << (hi - lo + 1)) - 1) << lo, "values": values,
                    "title": f.get("title", "")})
    return sorted(out, key=lambda x: x["lo"])


def _reserved(p, node, entry, fields, width):
    """`reserved: rest` declares that the fields name every defined bit, so every other bit is
    reserved: the generator emits XVCPU_<NAME>_RESERVED, the mask the architectural checks use."""
    if "reserved" not in node:
        return None
    if node["reserved"] != "rest":
        p.add(node, entry, f"reserved {node['reserved']!r} must be 'rest' (every undeclared bit is reserved)")
        return None
    declared = 0
    for f in fields:
        declared |= f["mask"]
    return ((1 << width) - 1) & ~declared


def layouts_and_enums(p, doc):
    _check_top(p, doc, ("layouts", "enums"))
    layouts, enums, names = [], [], {}
    for lay in _list(p, doc, "layouts", required=False):
        entry = _entry_name(lay)
        if not _check_keys(p, lay, entry, ("name", "width", "fields", "ref"), ("title", "reserved")):
            continue
        if not _check_name(p, lay, entry, lay["name"]):
            continue
        _unique(p, names, lay, entry, "layout/enum name", lay["name"])
        _check_ref(p, lay, entry)
        if lay["width"] not in (8, 16, 32, 64):
            p.add(lay, entry, f"width {lay['width']!r} must be 8, 16, 32 or 64")
            continue
        fields = _layout_fields(p, lay["name"], lay["fields"], lay["width"], lay)
        layouts.append({"name": lay["name"], "title": lay.get("title", ""), "ref": lay["ref"],
                        "width": lay["width"], "fields": fields,
                        "reserved": _reserved(p, lay, entry, fields, lay["width"])})
    for en in _list(p, doc, "enums", required=False):
        entry = _entry_name(en)
        if not _check_keys(p, en, entry, ("name", "values", "ref"), ("title",)):
            continue
        if not _check_name(p, en, entry, en["name"]):
            continue
        _unique(p, names, en, entry, "layout/enum name", en["name"])
        _check_ref(p, en, entry)
        values, seen = [], {}
        if not isinstance(en["values"], Node) or not en["values"]:
            p.add(en, entry, "values must be a non-empty mapping NAME: number")
            continue
        for vname, v in en["values"].items():
            if not _check_name(p, en, f"{entry}.{vname}", vname):
                continue
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                p.add(en, f"{entry}.{vname}", f"value {v!r} must be a non-negative integer")
                continue
            if v in seen:
                p.add(en, f"{entry}.{vname}", f"value {v} repeats {seen[v]}")
            seen[v] = vname
            values.append({"name": vname, "value": v})
        enums.append({"name": en["name"], "title": en.get("title", ""), "ref": en["ref"],
                      "values": values, "where": en.where()})
    return {"layouts": layouts, "enums": enums}


# --- VMCS fields -------------------------------------------------------------------------------

def vmcs_fields(p, doc):
    _check_top(p, doc, ("fields",))
    out, names, encodings = [], {}, {}
    for f in _list(p, doc, "fields"):
        entry = _entry_name(f)
        if not _check_keys(p, f, entry, ("name", "encoding", "width", "group", "requires", "ref"),
                           ("title",)):
            continue
        if not _check_name(p, f, entry, f["name"]):
            continue
        _unique(p, names, f, entry, "field name", f["name"])
        _check_ref(p, f, entry)
        enc = _check_int(p, f, entry, "encoding", 0, 0x7FFF)
        width, group = f["width"], f["group"]
        if width not in VMCS_WIDTHS:
            p.add(f, entry, f"width {width!r} must be 16, 32, 64 or natural")
            continue
        if group not in VMCS_GROUPS:
            p.add(f, entry, f"group {group!r} must be one of {', '.join(VMCS_GROUPS)}")
            continue
        if enc is None:
            continue
        _unique(p, encodings, f, entry, "encoding", enc)
        enc_width = (enc >> 13) & 3
        enc_group = (enc >> 10) & 3
        if enc & 1:
            p.add(f, entry, f"encoding {enc:#06x} has bit 0 (high access) set; give the full encoding")
        if enc & (1 << 12):
            p.add(f, entry, f"encoding {enc:#06x} has reserved bit 12 set")
        if enc_width != VMCS_WIDTHS[width]:
            said = {v: k for k, v in VMCS_WIDTHS.items()}[enc_width]
            p.add(f, entry, f"encoding {enc:#06x} says width {said} (bits 14:13), declared {width}")
        if enc_group != VMCS_GROUPS[group]:
            said = {v: k for k, v in VMCS_GROUPS.items()}[enc_group]
            p.add(f, entry, f"encoding {enc:#06x} says group {said} (bits 11:10), declared {group}")
        req = f["requires"]
        reqs = req if isinstance(req, list) else [req]
        for r in reqs:
            if not isinstance(r, str) or not (r == "always" or r.startswith("cap: ")
                                              or re.match(r"^[a-z0-9]+\.[A-Z0-9_]+$", r)):
                p.add(f, entry, f"requires {r!r} must be 'always', '<word>.<BIT>' or 'cap: <text>'")
        out.append({"name": f["name"], "lname": f["name"].lower(), "encoding": enc,
                    "width": width, "group": group, "requires": reqs, "title": f.get("title", ""),
                    "ref": f["ref"], "node": f})
    return sorted(out, key=lambda x: x["encoding"])


# --- VMX controls ------------------------------------------------------------------------------

def vmx_controls(p, doc):
    _check_top(p, doc, ("words",))
    words, ids = [], {}
    for w in _list(p, doc, "words"):
        entry = str(w.get("id", "(no id)")) if isinstance(w, Node) else "(word)"
        if not _check_keys(p, w, entry, ("id", "title", "field", "width", "cap_msr", "true_cap_msr",
                                          "cap_format", "default1", "bits", "ref")):
            continue
        if w["id"] not in CONTROL_WORD_IDS:
            p.add(w, entry, f"id must be one of {', '.join(CONTROL_WORD_IDS)}")
            continue
        _unique(p, ids, w, entry, "word id", w["id"])
        _check_ref(p, w, entry)
        if w["width"] not in (32, 64):
            p.add(w, entry, f"width {w['width']!r} must be 32 or 64")
            continue
        if w["cap_format"] not in CAP_FORMATS:
            p.add(w, entry, f"cap_format must be one of {', '.join(CAP_FORMATS)}")
        if w["cap_format"] == "allowed0_allowed1" and w["width"] != 32:
            p.add(w, entry, "allowed0_allowed1 capability MSRs describe 32-bit words only")
        default1 = w["default1"] if isinstance(w["default1"], list) else None
        if default1 is None or any(not isinstance(b, int) or not 0 <= b < w["width"] for b in default1):
            p.add(w, entry, "default1 must be a list of bit numbers inside the word")
            default1 = []
        bits, names, numbers = [], {}, {}
        for b in w["bits"] if isinstance(w["bits"], list) else []:
            bentry = f"{w['id']}.{_entry_name(b)}"
            if not _check_keys(p, b, bentry, ("name", "bit", "ref"), ("title",)):
                continue
            if not _check_name(p, b, bentry, b["name"]):
                continue
            _unique(p, names, b, bentry, "bit name", b["name"])
            _check_ref(p, b, bentry)
            n = _check_int(p, b, bentry, "bit", 0, w["width"] - 1)
            if n is None:
                continue
            _unique(p, numbers, b, bentry, "bit number", n)
            bits.append({"name": b["name"], "bit": n, "title": b.get("title", ""), "where": b.where()})
        words.append({"id": w["id"], "ID": w["id"].upper(), "title": w["title"], "field": w["field"],
                      "width": w["width"], "cap_msr": w["cap_msr"],
                      "true_cap_msr": w["true_cap_msr"], "cap_format": w["cap_format"],
                      "default1_mask": sum(1 << b for b in set(default1)), "ref": w["ref"],
                      "bits": sorted(bits, key=lambda x: x["bit"]), "node": w})
    order = {k: i for i, k in enumerate(CONTROL_WORD_IDS)}
    return sorted(words, key=lambda x: order[x["id"]])


# --- numbered lists: exit reasons, errors, SVM exit codes --------------------------------------

def _numbered(p, doc, key, number_key, text_key, hi, optional=("title",)):
    out, names, numbers = [], {}, {}
    for e in _list(p, doc, key):
        entry = _entry_name(e)
        if not _check_keys(p, e, entry, ("name", number_key, text_key, "ref"),
                           tuple(k for k in optional if k != text_key)):
            continue
        if not _check_name(p, e, entry, e["name"]):
            continue
        _unique(p, names, e, entry, "name", e["name"])
        _check_ref(p, e, entry)
        n = _check_int(p, e, entry, number_key, 0, hi)
        if n is None:
            continue
        _unique(p, numbers, e, entry, number_key, n)
        text = e[text_key]
        if not isinstance(text, str) or not text.strip():
            p.add(e, entry, f"{text_key} must be a non-empty string")
            continue
        out.append({"name": e["name"], "number": n, "text": text.strip(), "where": e.where()})
    return sorted(out, key=lambda x: x["number"])


def vmx_exits(p, doc):
    _check_top(p, doc, ("reasons", "entry_failure_qualifications"))
    return {"reasons": _numbered(p, doc, "reasons", "number", "title", 0xFFFF),
            "entry_quals": _numbered(p, doc, "entry_failure_qualifications", "value", "text",
                                     0xFFFFFFFF)}


def vmx_errors(p, doc):
    _check_top(p, doc, ("errors",))
    return _numbered(p, doc, "errors", "number", "text", 0xFFFFFFFF)


def svm_exits(p, doc):
    _check_top(p, doc, ("exit_codes",))
    return _numbered(p, doc, "exit_codes", "number", "title", (1 << 64) - 1)


# --- MSRs --------------------------------------------------------------------------------------

def msrs(p, doc):
    _check_top(p, doc, ("msrs", "ranges"))
    out, names, addrs = [], {}, {}
    for m in _list(p, doc, "msrs"):
        entry = _entry_name(m)
        if not _check_keys(p, m, entry, ("name", "address", "vendor", "ref"), ("fields", "title", "reserved")):
            continue
        if not _check_name(p, m, entry, m["name"]):
            continue
        _unique(p, names, m, entry, "MSR name", m["name"])
        _check_ref(p, m, entry)
        a = _check_int(p, m, entry, "address", 0, 0xFFFFFFFF)
        if m["vendor"] not in ("intel", "amd", "both"):
            p.add(m, entry, "vendor must be intel, amd or both")
        if a is None:
            continue
        _unique(p, addrs, m, entry, "MSR address", a)
        fields = _layout_fields(p, m["name"], m["fields"], 64, m) if "fields" in m else []
        out.append({"name": m["name"], "address": a, "vendor": m["vendor"], "fields": fields, "where": m.where(),
                    "title": m.get("title", ""), "ref": m["ref"], "reserved": _reserved(p, m, entry, fields, 64)})
    ranges, rnames = [], {}
    for r in _list(p, doc, "ranges", required=False):
        entry = _entry_name(r)
        if not _check_keys(p, r, entry, ("name", "first", "last", "ref"), ("vendor", "title")):
            continue
        if not _check_name(p, r, entry, r["name"]):
            continue
        _unique(p, rnames, r, entry, "range name", r["name"])
        _check_ref(p, r, entry)
        first = _check_int(p, r, entry, "first", 0, 0xFFFFFFFF)
        last = _check_int(p, r, entry, "last", 0, 0xFFFFFFFF)
        if first is not None and last is not None:
            if last < first:
                p.add(r, entry, f"last {last:#x} is below first {first:#x}")
            ranges.append({"name": r["name"], "first": first, "last": last})
    return {"msrs": sorted(out, key=lambda x: x["address"]), "ranges": ranges}


# --- VMCB structs ------------------------------------------------------------------------------

def svm_structs(p, doc):
    _check_top(p, doc, ("structs",))
    structs, by_name = [], {}
    for s in _list(p, doc, "structs"):
        entry = _entry_name(s)
        if not _check_keys(p, s, entry, ("name", "size", "members", "ref"), ("title",)):
            continue
        if not _check_name(p, s, entry, s["name"]):
            continue
        if s["name"] in by_name:
            p.add(s, entry, "duplicate struct name")
            continue
        _check_ref(p, s, entry)
        size = _check_int(p, s, entry, "size", 1, 1 << 20)
        if size is None:
            continue
        members, names, cursor = [], {}, 0
        for m in s["members"] if isinstance(s["members"], list) else []:
            mentry = f"{s['name']}.{_entry_name(m)}"
            if not _check_keys(p, m, mentry, ("name", "offset", "type"),
                               ("count", "reserved", "ref", "title")):
                continue
            if not _check_name(p, m, mentry, m["name"]):
                continue
            _unique(p, names, m, mentry, "member name", m["name"])
            off = _check_int(p, m, mentry, "offset", 0, size)
            count = m.get("count", 1)
            if not isinstance(count, int) or count < 1:
                p.add(m, mentry, f"count {count!r} must be a positive integer")
                continue
            t = m["type"]
            if t in SCALAR_TYPES:
                elem, align, ctype = SCALAR_TYPES[t], SCALAR_TYPES[t], f"uint{8 * SCALAR_TYPES[t]}_t"
            elif t in by_name:
                elem, align, ctype = by_name[t]["size"], 8, "xvcpu_" + t.lower()
            else:
                p.add(m, mentry, f"type {t!r} is neither u8/u16/u32/u64 nor an earlier struct")
                continue
            if m.get("reserved") and t != "u8":
                p.add(m, mentry, "a reserved gap must be declared as type u8 with a count")
            if not m.get("reserved") and "ref" not in m and "ref" not in s:
                p.add(m, mentry, "missing ref")
            if off is None:
                continue
            if off % align:
                p.add(m, mentry, f"offset {off:#x} is not aligned to {align} bytes")
            if off < cursor:
                p.add(m, mentry, f"offset {off:#x} overlaps the previous member (which ends at {cursor:#x})")
            elif off > cursor:
                p.add(m, mentry, f"undeclared gap {cursor:#x}..{off - 1:#x} before this member; "
                                 "declare it as a reserved member")
            end = off + elem * count
            if end > size:
                p.add(m, mentry, f"member ends at {end:#x}, beyond the struct size {size:#x}")
            cursor = max(cursor, end)
            members.append({"name": m["name"], "lname": m["name"].lower(), "offset": off,
                            "ctype": ctype, "count": count if "count" in m else None,
                            "reserved": bool(m.get("reserved")), "size": elem * count})
        if cursor < size:
            p.add(s, entry, f"members end at {cursor:#x} but the struct is {size:#x} bytes; "
                            "declare the tail as a reserved member")
        model = {"name": s["name"], "ctype": "xvcpu_" + s["name"].lower(), "size": size,
                 "members": members, "ref": s["ref"]}
        by_name[s["name"]] = model
        structs.append(model)
    return structs


# --- AArch64 system registers -------------------------------------------------------------------

SYSREG_ROLES = ("saved", "id", "tvm", "pmu", "other")
# op0, op1, CRn, CRm, op2 of MRS/MSR (Arm ARM C5.1.2): their widths
SYSREG_ENC_BITS = (("op0", 2), ("op1", 3), ("CRn", 4), ("CRm", 4), ("op2", 3))


def sysreg_pack(op0, op1, crn, crm, op2):
    """The library's 16-bit sysreg number: op0[15:14] op1[13:11] CRn[10:7] CRm[6:3] op2[2:0]."""
    return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2


def _register_fields(p, reg, name, fields):
    """Fields of an Arm register: every bit 63..0 declared; reserved bits as {bits, res: 0|1}."""
    named, res0, res1, used = [], 0, 0, {}
    if not isinstance(fields, list) or not fields:
        p.add(reg, name, "fields must be a non-empty list")
        return [], 0, 0
    for f in fields:
        if isinstance(f, Node) and "res" in f:
            entry = f"{name}.res{f.get('res')}@{f.get('bits')}"
            if not _check_keys(p, f, entry, ("bits", "res"), ("title",)):
                continue
            if f["res"] not in (0, 1) or isinstance(f["res"], bool):
                p.add(f, entry, f"res {f['res']!r} must be 0 or 1")
                continue
            span = _parse_bits(p, f, entry, f["bits"], 64)
            if span is None:
                continue
            hi, lo = span
            mask = ((1 << (hi - lo + 1)) - 1) << lo
            for bit in range(lo, hi + 1):
                if bit in used:
                    p.add(f, entry, f"bit {bit} overlaps field {used[bit]}")
                    break
            for bit in range(lo, hi + 1):
                used.setdefault(bit, f"res{f['res']}")
            if f["res"]:
                res1 |= mask
            else:
                res0 |= mask
        else:
            named.append(f)
    out = _layout_fields(p, name, named, 64, reg) if named else []
    for f in out:
        for bit in range(f["lo"], f["hi"] + 1):
            if bit in used:
                p.add(f["where"], f"{name}.{f['name']}", f"bit {bit} overlaps field {used[bit]}")
                break
        for bit in range(f["lo"], f["hi"] + 1):
            used.setdefault(bit, f["name"])
    missing = [b for b in range(64) if b not in used]
    if missing:
        # report the first run of undeclared bits
        lo = hi = missing[0]
        while hi + 1 in missing:
            hi += 1
        span = f"{hi}:{lo}" if hi != lo else f"{lo}"
        p.add(reg, name, f"bits {span} are not declared: declare every bit, reserved ones as "
                         "{bits: ..., res: 0} or {bits: ..., res: 1}")
    return out, res0, res1


def arm64_sysregs(p, doc):
    _check_top(p, doc, ("registers",))
    out, names, encodings = [], {}, {}
    for r in _list(p, doc, "registers"):
        entry = _entry_name(r)
        if not _check_keys(p, r, entry, ("name", "encoding", "role", "ref"), ("title", "fields")):
            continue
        if not _check_name(p, r, entry, r["name"]):
            continue
        _unique(p, names, r, entry, "register name", r["name"])
        _check_ref(p, r, entry)
        if r["role"] not in SYSREG_ROLES:
            p.add(r, entry, f"role {r['role']!r} must be one of {', '.join(SYSREG_ROLES)}")
        enc = r["encoding"]
        if not isinstance(enc, list) or len(enc) != 5:
            p.add(r, entry, "encoding must be [op0, op1, CRn, CRm, op2]")
            continue
        bad = False
        for v, (what, bits) in zip(enc, SYSREG_ENC_BITS):
            if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < (1 << bits):
                p.add(r, entry, f"encoding {what} {v!r} does not fit {bits} bits")
                bad = True
        if bad:
            continue
        if enc[0] not in (2, 3):
            p.add(r, entry, f"encoding op0 {enc[0]} is not a register (MRS/MSR registers have op0 2 or 3)")
            continue
        packed = sysreg_pack(*enc)
        _unique(p, encodings, r, entry, "encoding", tuple(enc))
        fields, res0, res1 = ([], 0, 0)
        if "fields" in r:
            fields, res0, res1 = _register_fields(p, r, r["name"], r["fields"])
        out.append({"name": r["name"], "lname": r["name"].lower(), "enc": enc, "packed": packed,
                    "role": r["role"], "title": r.get("title", ""), "ref": r["ref"], "fields": fields,
                    "has_fields": "fields" in r, "res0": res0, "res1": res1, "where": r.where()})
    return out


def arm64_exceptions(p, doc):
    _check_top(p, doc, ("classes",))
    return _numbered(p, doc, "classes", "number", "title", 0x3F)
