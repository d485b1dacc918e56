#!/usr/bin/env python3
"""The generator's validation: each rule fires on a malformed copy of tests/spec/fixture with the
exact `file:line: entry: message` it promises; a valid spec generates deterministically; the
stale check notices an edited output. Ends with "N passed, N failed"."""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GEN = os.path.join(ROOT, "codegen", "gen.py")
FIXTURE = os.path.join(HERE, "fixture")

# (name, file, text to replace, replacement, expected message after "file:line: ")
# The line is the line where the replacement lands. `None` as text appends the replacement.
CASES = [
    ("duplicate field name", "vmcs_fields.yaml", "name: GUEST_ES_SELECTOR", "name: VIRTUAL_PROCESSOR_ID",
     "VIRTUAL_PROCESSOR_ID: duplicate field name 'VIRTUAL_PROCESSOR_ID' (first at {file}:3)"),
    ("duplicate encoding", "vmcs_fields.yaml", "encoding: 0x0800", "encoding: 0x0000",
     "GUEST_ES_SELECTOR: duplicate encoding 0 (first at {file}:3)"),
    ("encoding width contradicts", "vmcs_fields.yaml", "GUEST_RIP, encoding: 0x681E, width: natural",
     "GUEST_RIP, encoding: 0x681E, width: 64",
     "GUEST_RIP: encoding 0x681e says width natural (bits 14:13), declared 64"),
    ("encoding group contradicts", "vmcs_fields.yaml", "encoding: 0x2400, width: 64, group: exit_info",
     "encoding: 0x2400, width: 64, group: guest",
     "GUEST_PHYSICAL_ADDRESS: encoding 0x2400 says group exit_info (bits 11:10), declared guest"),
    ("high access encoding", "vmcs_fields.yaml", "encoding: 0x2000", "encoding: 0x2001",
     "IO_BITMAP_A: encoding 0x2001 has bit 0 (high access) set; give the full encoding"),
    ("reserved encoding bit", "vmcs_fields.yaml", "encoding: 0x0800", "encoding: 0x1800",
     "GUEST_ES_SELECTOR: encoding 0x1800 has reserved bit 12 set"),
    ("bad width", "vmcs_fields.yaml", "HOST_RIP, encoding: 0x6C16, width: natural", "HOST_RIP, encoding: 0x6C16, width: 48",
     "HOST_RIP: width 48 must be 16, 32, 64 or natural"),
    ("requires unknown bit", "vmcs_fields.yaml", "requires: proc2.ENABLE_VPID", "requires: proc2.ENABLE_VPIDS",
     "VIRTUAL_PROCESSOR_ID: requires 'proc2.ENABLE_VPIDS': word 'proc2' has no bit ENABLE_VPIDS"),
    ("requires unknown word", "vmcs_fields.yaml", "requires: proc2.ENABLE_VPID", "requires: proc9.ENABLE_VPID",
     "VIRTUAL_PROCESSOR_ID: requires 'proc9.ENABLE_VPID': no control word 'proc9'"),
    ("overlapping bit fields", "vmx_formats.yaml", '{name: GPR, bits: "11:8"}', '{name: GPR, bits: "11:6"}',
     "CR_ACCESS_QUAL.GPR: bit 6 overlaps field LMSW_MEMORY"),
    ("bits beyond width", "x86_registers.yaml", "{name: PG, bits: 31}", "{name: PG, bits: 64}",
     "CR0.PG: bits '64' do not fit the 64-bit layout"),
    ("value does not fit", "vmx_formats.yaml", "CLTS: 2, LMSW: 3", "CLTS: 2, LMSW: 4",
     "CR_ACCESS_QUAL.ACCESS_TYPE.LMSW: value 4 does not fit bits 5:4"),
    ("reserved must be rest", "x86_registers.yaml", "    ref: SDM Vol. 3A 2.5\n    fields:",
     "    ref: SDM Vol. 3A 2.5\n    reserved: some\n    fields:",
     "@2 CR0: reserved 'some' must be 'rest' (every undeclared bit is reserved)"),
    ("duplicate layout field", "x86_registers.yaml", "{name: PG, bits: 31}", "{name: PE, bits: 31}",
     "CR0.PE: duplicate field name 'PE' (first at {file}:6)"),
    ("vmcb overlap", "svm_vmcb.yaml", "{name: GUEST_ASID, offset: 0x4, type: u32}",
     "{name: GUEST_ASID, offset: 0x0, type: u32}",
     "VMCB_MINI.GUEST_ASID: offset 0x0 overlaps the previous member (which ends at 0x4)"),
    ("vmcb misaligned", "svm_vmcb.yaml", "{name: EXIT_CODE, offset: 0x10, type: u64}",
     "{name: EXIT_CODE, offset: 0x14, type: u64}",
     "VMCB_MINI.EXIT_CODE: offset 0x14 is not aligned to 8 bytes"),
    ("vmcb undeclared gap", "svm_vmcb.yaml", "{name: TLB_CONTROL, offset: 0x8, type: u8}",
     "{name: TLB_CONTROL, offset: 0x9, type: u8}",
     "VMCB_MINI.TLB_CONTROL: undeclared gap 0x8..0x8 before this member; declare it as a reserved member"),
    ("vmcb short tail", "svm_vmcb.yaml", "offset: 0x28, type: u8, count: 24", "offset: 0x28, type: u8, count: 16",
     None),  # checked specially: the struct line
    ("vmcb unknown type", "svm_vmcb.yaml", "{name: CS, offset: 0x18, type: VMCB_SEGMENT}",
     "{name: CS, offset: 0x18, type: VMCB_SEG}",
     "VMCB_MINI.CS: type 'VMCB_SEG' is neither u8/u16/u32/u64 nor an earlier struct"),
    ("duplicate yaml key", "vmx_errors.yaml", "{number: 8, name: ENTRY_INVALID_HOST_STATE,",
     "{number: 8, number: 9, name: ENTRY_INVALID_HOST_STATE,", "duplicate key 'number' in one mapping"),
    ("unknown key", "vmx_exits.yaml", "{number: 48, name: EPT_VIOLATION,", "{number: 48, nmae: X, name: EPT_VIOLATION,",
     "EPT_VIOLATION: unknown key 'nmae'"),
    ("missing key", "vmx_exits.yaml", "{number: 48, name: EPT_VIOLATION, title: EPT violation,",
     "{number: 48, name: EPT_VIOLATION,", "EPT_VIOLATION: missing key 'title'"),
    ("bad ref", "vmx_exits.yaml", "title: EPT violation, ref: SDM Vol. 3D Table C-1",
     "title: EPT violation, ref: somewhere", "EPT_VIOLATION: ref 'somewhere' must name its source, starting 'SDM ', 'APM ', 'Arm ARM ', 'GIC ' or 'PSCI '"),
    # AArch64 registers: every bit declared, encodings that fit MRS/MSR, no duplicates
    ("arm64 undeclared bits", "arm64_sysregs.yaml", '{bits: "30:2", res: 0}', '{bits: "30:4", res: 0}',
     "@2 HCR_EL2: bits 3:2 are not declared: declare every bit, reserved ones as {bits: ..., res: 0} or {bits: ..., res: 1}"),
    ("arm64 res overlaps field", "arm64_sysregs.yaml", '{bits: "30:2", res: 0}', '{bits: "31:2", res: 0}',
     "@10 HCR_EL2.RW: bit 31 overlaps field res0"),
    ("arm64 bad res value", "arm64_sysregs.yaml", "{bits: 31, res: 1}", "{bits: 31, res: 2}",
     "VTCR_EL2.res2@31: res 2 must be 0 or 1"),
    ("arm64 encoding field too wide", "arm64_sysregs.yaml", "encoding: [3, 4, 2, 1, 2]", "encoding: [3, 4, 2, 16, 2]",
     "@12 VTCR_EL2: encoding CRm 16 does not fit 4 bits"),
    ("arm64 encoding not a register", "arm64_sysregs.yaml", "encoding: [3, 0, 1, 0, 0]", "encoding: [1, 0, 1, 0, 0]",
     "SCTLR_EL1: encoding op0 1 is not a register (MRS/MSR registers have op0 2 or 3)"),
    ("arm64 encoding short", "arm64_sysregs.yaml", "encoding: [3, 0, 1, 0, 0]", "encoding: [3, 0, 1, 0]",
     "SCTLR_EL1: encoding must be [op0, op1, CRn, CRm, op2]"),
    ("arm64 duplicate encoding", "arm64_sysregs.yaml", "encoding: [3, 0, 0, 4, 0]", "encoding: [3, 0, 1, 0, 0]",
     "ID_AA64PFR0_EL1: duplicate encoding (3, 0, 1, 0, 0) (first at {file}:21)"),
    ("arm64 bad role", "arm64_sysregs.yaml", "role: tvm", "role: kept",
     "SCTLR_EL1: role 'kept' must be one of saved, id, tvm, pmu, other"),
    ("arm64 duplicate register", "arm64_sysregs.yaml", "name: VTCR_EL2", "name: HCR_EL2",
     "@12 HCR_EL2: duplicate register name 'HCR_EL2' (first at {file}:2)"),
    ("arm64 field beyond 64 bits", "arm64_sysregs.yaml", '{bits: "63:32", res: 0}\n  - name: VTCR_EL2',
     '{bits: "64:32", res: 0}\n  - name: VTCR_EL2', "HCR_EL2.res0@64:32: bits '64:32' do not fit the 64-bit layout"),
    ("arm64 exception class too big", "arm64_exceptions.yaml", "{number: 0x24, name: DABT_LOW",
     "{number: 0x40, name: DABT_LOW", "DABT_LOW: number 64 must be an integer in [0x0, 0x3f]"),
    ("arm64 duplicate exception class", "arm64_exceptions.yaml", "{number: 0x24, name: DABT_LOW",
     "{number: 0x16, name: DABT_LOW", "DABT_LOW: duplicate number 22 (first at {file}:3)"),
    ("arm64 ISS field overlap", "arm64_formats.yaml", "{name: WNR, bits: 6}", '{name: WNR, bits: "6:5"}',
     "ISS_DABT.WNR: bit 5 overlaps field DFSC"),
    ("arm64 C name collides with x86", "arm64_formats.yaml", "name: ISS_DABT\n    width: 32\n    ref: Arm ARM D19.2.41\n    fields:\n      - {name: DFSC",
     "name: CR0\n    width: 32\n    ref: Arm ARM D19.2.41\n    fields:\n      - {name: PE", None),
    ("duplicate exit reason", "vmx_exits.yaml", "{number: 48, name: EPT_VIOLATION", "{number: 0, name: EPT_VIOLATION",
     "EPT_VIOLATION: duplicate number 0 (first at {file}:2)"),
    ("duplicate svm exit code", "svm_exits.yaml", "{number: 0x400, name: NPF", "{number: 0x072, name: NPF",
     "NPF: duplicate number 114 (first at {file}:2)"),
    ("duplicate msr address", "msrs.yaml", "{name: IA32_VMX_PROCBASED_CTLS2, address: 0x48B",
     "{name: IA32_VMX_PROCBASED_CTLS2, address: 0x482",
     "IA32_VMX_PROCBASED_CTLS2: duplicate MSR address 1154 (first at {file}:9)"),
    ("bad name", "vmx_errors.yaml", "name: ENTRY_INVALID_HOST_STATE", "name: entry-invalid-host-state",
     "entry-invalid-host-state: name 'entry-invalid-host-state' is not UPPER_SNAKE_CASE"),
    ("control field missing", "vmx_controls.yaml", "field: SECONDARY_PROC_BASED_CONTROLS",
     "field: SECONDARY_CONTROLS", "@15 proc2: field 'SECONDARY_CONTROLS' is not a VMCS field"),
    ("control field wrong kind", "vmx_controls.yaml", "field: SECONDARY_PROC_BASED_CONTROLS",
     "field: GUEST_RIP", "@15 proc2: field GUEST_RIP is a natural-bit guest field, not a 32-bit control"),
    ("cap msr unknown", "vmx_controls.yaml", "cap_msr: IA32_VMX_PROCBASED_CTLS2", "cap_msr: IA32_VMX_PROCBASED_CTLS9",
     "@15 proc2: cap_msr 'IA32_VMX_PROCBASED_CTLS9' is not in msrs.yaml"),
    ("control bit beyond width", "vmx_controls.yaml", "{name: ENABLE_EPT, bit: 1,", "{name: ENABLE_EPT, bit: 32,",
     "proc2.ENABLE_EPT: bit 32 must be an integer in [0x0, 0x1f]"),
    ("duplicate control bit", "vmx_controls.yaml", "{name: ENABLE_VPID, bit: 5,", "{name: ENABLE_VPID, bit: 1,",
     "proc2.ENABLE_VPID: duplicate bit number 1 (first at {file}:25)"),
    ("duplicate C name across files", "x86_registers.yaml",
     "  - name: CR0\n    width: 64\n    ref: SDM Vol. 3A 2.5\n    fields:\n      - {name: PE, bits: 0}",
     "  - name: EVENTINJ\n    width: 64\n    ref: SDM Vol. 3A 2.5\n    fields:\n      - {name: V, bits: 0}",
     None),  # checked specially
    ("not yaml", "svm_exits.yaml", "exit_codes:", "exit_codes: [", None),
    ("derived C name collides", "svm_formats.yaml", "{name: EV, bits: 11}", "{name: V_MASK, bits: 11}", None),
]


def run_check(spec_dir):
    p = subprocess.run([sys.executable, GEN, "--check", "--spec", spec_dir], capture_output=True, text=True)
    return p.returncode, p.stderr


def mutate(tmp, fname, old, new):
    path = os.path.join(tmp, fname)
    text = open(path).read()
    if old not in text:
        raise AssertionError(f"fixture {fname} has no {old!r}")
    line = text[:text.index(old)].count("\n") + 1
    text = text.replace(old, new, 1)
    open(path, "w").write(text)
    return path, line


def main():
    passed = failed = 0

    def result(ok, name, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}\n{detail}")

    with tempfile.TemporaryDirectory() as base:
        # the fixture itself is valid
        code, err = run_check(FIXTURE)
        result(code == 0 and err == "", "valid fixture", err)

        for name, fname, old, new, expected in CASES:
            tmp = os.path.join(base, name.replace(" ", "_"))
            shutil.copytree(FIXTURE, tmp)
            path, line = mutate(tmp, fname, old, new)
            code, err = run_check(tmp)
            lines = err.splitlines()
            if expected is not None:
                if expected.startswith("@"):  # the error is on the entry's first line
                    at, expected = expected[1:].split(" ", 1)
                    line = int(at)
                want = f"{path}:{line}: " + expected.replace("{file}", path)
                ok = code == 1 and want in lines
                result(ok, name, f"  exit {code}; wanted line:\n    {want}\n  got:\n" +
                       "\n".join("    " + ln for ln in lines))
            elif name == "vmcb short tail":
                want = f"{path}:10: VMCB_MINI: members end at 0x38 but the struct is 0x40 bytes; declare the tail as a reserved member"
                result(code == 1 and want in lines, name, f"  wanted {want}\n  got {err}")
            elif name == "duplicate C name across files":
                first = os.path.join(tmp, "x86_registers.yaml") + ":6"
                want = os.path.join(tmp, "svm_formats.yaml") + f":9: XVCPU_EVENTINJ_V: C name already defined at {first}"
                result(code == 1 and want in lines, name, f"  wanted {want}\n  got {err}")
            elif name == "derived C name collides":
                # field V's mask constant XVCPU_EVENTINJ_V_MASK is also the one-bit field V_MASK
                want = f"{path}:{line + 1}: XVCPU_EVENTINJ_V_MASK: C name already defined at {path}:{line}"
                result(code == 1 and want in lines, name, f"  wanted {want}\n  got {err}")
            elif name == "arm64 C name collides with x86":
                first = os.path.join(tmp, "x86_registers.yaml") + ":6"
                want = f"{path}:{line + 4}: XVCPU_CR0_PE_MASK: C name already defined at {first}"
                result(code == 1 and want in lines, name, f"  wanted {want}\n  got {err}")
            elif name == "not yaml":
                ok = code == 1 and any(ln.startswith(path + ":") and "not valid YAML" in ln for ln in lines)
                result(ok, name, f"  got {err}")
            # every failing run ends with the summary and writes nothing
            result(bool(lines) and lines[-1].startswith("codegen: ") and lines[-1].endswith("nothing written"),
                   name + " (summary line)", err)

        # a missing spec file is named
        tmp = os.path.join(base, "missing")
        shutil.copytree(FIXTURE, tmp)
        os.remove(os.path.join(tmp, "svm_exits.yaml"))
        code, err = run_check(tmp)
        want = os.path.join(tmp, "svm_exits.yaml") + ":0: svm_exits.yaml: spec file is missing"
        result(code == 1 and want in err.splitlines(), "missing spec file", err)

        # deterministic output, and --stale notices an edited or an extra generated file
        outs = []
        for i in range(2):
            out = os.path.join(base, f"out{i}")
            hdr = os.path.join(base, f"xvcpu{i}.h")
            p = subprocess.run([sys.executable, GEN, "--spec", FIXTURE, "--out", out, "--header", hdr],
                               capture_output=True, text=True)
            result(p.returncode == 0, f"generate run {i}", p.stderr)
            outs.append((out, hdr))
        same = all(open(os.path.join(outs[0][0], f)).read() == open(os.path.join(outs[1][0], f)).read()
                   for f in sorted(os.listdir(outs[0][0])))
        same = same and open(outs[0][1]).read() == open(outs[1][1]).read()
        result(same, "deterministic output")
        out, hdr = outs[0]
        stale = [sys.executable, GEN, "--stale", "--spec", FIXTURE, "--out", out, "--header", hdr]
        p = subprocess.run(stale, capture_output=True, text=True)
        result(p.returncode == 0, "fresh output is not stale", p.stderr)
        with open(os.path.join(out, "vmx_exits.h"), "a") as f:
            f.write("/* hand edit */\n")
        p = subprocess.run(stale, capture_output=True, text=True)
        result(p.returncode == 1 and "vmx_exits.h" in p.stderr, "edited output is stale", p.stderr)
        banner = open(os.path.join(outs[1][0], "vmcs_fields.h")).readline()
        result("generated by codegen/gen.py from spec/vmcs_fields.yaml - do not edit" in banner,
               "generated files say so", banner)

        # xvcpu/ORDER: every part listed once, every listed part present, nothing left out
        sys.path.insert(0, os.path.join(ROOT, "codegen"))
        import amalgamate
        gen_dir = os.path.join(ROOT, "xvcpu", "gen")
        generated = {f: open(os.path.join(gen_dir, f)).read() for f in os.listdir(gen_dir)}

        def order_case(name, edit, want):
            tree = os.path.join(base, "order-" + name.replace(" ", "-"))
            shutil.copytree(os.path.join(ROOT, "xvcpu"), tree)
            edit(tree)
            try:
                amalgamate.build(tree, generated)
                got = None
            except SystemExit as e:
                got = str(e)
            if want is None:
                result(got is None, "ORDER: " + name, f"  got {got}")
            else:
                result(got is not None and want in got.splitlines(), "ORDER: " + name, f"  wanted {want}\n  got {got}")

        def edit_order(tree, fn):
            path = os.path.join(tree, "ORDER")
            text = open(path).read()
            open(path, "w").write(fn(text))

        order_case("the real tree assembles", lambda t: None, None)
        order_case("a listed part is missing", lambda t: os.remove(os.path.join(t, "core", "events.c.h")),
                   "xvcpu/ORDER: core/events.c.h is listed but xvcpu/core/events.c.h does not exist")
        order_case("a part is not listed",
                   lambda t: open(os.path.join(t, "x86", "stray.c.h"), "w").write("/* stray */\n"),
                   "xvcpu/ORDER: xvcpu/x86/stray.c.h is a part that ORDER does not list")
        order_case("a part listed twice", lambda t: edit_order(t, lambda s: s + "core/vcpu.c.h\n"),
                   "xvcpu/ORDER: core/vcpu.c.h is listed more than once")
        order_case("a generated part not listed", lambda t: edit_order(t, lambda s: s.replace("gen/svm_exits.h\n", "")),
                   "xvcpu/ORDER: generated gen/svm_exits.h is not listed")

    # the manual at the top of xvcpu.h keeps up with the code: every exit kind is in its table,
    # every overridable macro in its configuration or access-layer list
    import re
    manual = open(os.path.join(ROOT, "xvcpu", "manual.txt")).read()
    exit_h = open(os.path.join(ROOT, "xvcpu", "api", "exit.h")).read()
    kinds = [k for k in re.findall(r"^\s+XVCPU_EXIT_([A-Z_]+)", exit_h, re.M) if k != "KIND_COUNT"]
    missing = [k for k in kinds if not re.search(r"^  " + k + r"\b", manual, re.M)]
    result(kinds and not missing, "manual: every exit kind has a row", f"  missing: {missing}")
    macros = set()
    for dirpath, _, files in os.walk(os.path.join(ROOT, "xvcpu")):
        if os.path.basename(dirpath) == "gen":
            continue
        for f in files:
            if f.endswith(".h"):
                macros |= set(re.findall(r"^#ifndef (XVCPU_[A-Z0-9_]+)", open(os.path.join(dirpath, f)).read(), re.M))
    listed = set(re.findall(r"XVCPU_[A-Z0-9_]+", manual))
    for m in sorted(macros):  # XVCPU_READ_CR0/2/3/4 style entries name a family once
        if m not in listed and not any(m.startswith(x.rstrip("0123456789")) and x[-1].isdigit() for x in listed):
            result(False, f"manual: {m} is configurable but not in the manual")
    result(bool(macros), "manual: configuration macros found")

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
