/* VMCS corruptions and the VM-entry check each must fail first (SDM Vol. 3C chapter 27). Shared
 * by the host unit test (tests/unit/test_entry_check.c, on the software machine) and the Bochs run
 * (examples/minihv/entry_check.c), which compares the named check with the line Bochs logs.
 * Pure data over xvcpu.h's names; include after xvcpu.h. */
#ifndef TESTS_ENTRY_CASES_H
#define TESTS_ENTRY_CASES_H

typedef struct entry_case {
    const char *name;
    xvcpu_start_mode mode;
    uint32_t fail;            /* 7, 8: VMfailValid error; 33: guest-state exit reason */
    uint32_t enc;             /* field to corrupt: new = (old & and_mask) | or_mask */
    uint64_t and_mask, or_mask;
    uint32_t enc2;            /* optional second field (0: none) */
    uint64_t and2, or2;
    const char *check;        /* what the library must name */
    uint32_t enc3;            /* optional third field, set to val3 */
    uint64_t val3;
} entry_case;

/* Values the harness replaces with an address it knows (the VMCS link pointer cases). */
#define ENTRY_VAL_VMCS_PHYS 0xE0000001ull   /* this vCPU's VMCS */
#define ENTRY_VAL_VMXON_PHYS 0xE0000002ull  /* the CPU's VMXON region */
#define ENTRY_VAL_OTHER_PAGE 0xE0000003ull  /* a page without the revision identifier */

#define KEEP ~0ull
#define NONC 0x0000800000000000ull /* not canonical with 48-bit linear addresses */
#define P XVCPU_START_PROTECTED
#define L XVCPU_START_LONG

static const entry_case entry_cases[] = {
    /* controls: VMfailValid 7 (SDM Vol. 3C 27.2.1) */
    { "pin allowed-0", P, 7, XVCPU_VMCS_PIN_BASED_CONTROLS, ~0x2ull, 0, 0, 0, 0,
      "pin-based controls: a bit the CPU needs set is clear (allowed-0 settings) (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "pin allowed-1", P, 7, XVCPU_VMCS_PIN_BASED_CONTROLS, KEEP, 1ull << 31, 0, 0, 0,
      "pin-based controls: a bit the CPU cannot set is set (allowed-1 settings) (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "proc allowed-0", P, 7, XVCPU_VMCS_PRIMARY_PROC_BASED_CONTROLS, ~0x2ull, 0, 0, 0, 0,
      "primary processor-based controls: a bit the CPU needs set is clear (allowed-0 settings) (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "proc allowed-1", P, 7, XVCPU_VMCS_PRIMARY_PROC_BASED_CONTROLS, KEEP, 1, 0, 0, 0,
      "primary processor-based controls: a bit the CPU cannot set is set (allowed-1 settings) (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "proc2 allowed-1", P, 7, XVCPU_VMCS_SECONDARY_PROC_BASED_CONTROLS, KEEP, 1ull << 31, 0, 0, 0,
      "secondary processor-based controls: a bit the CPU cannot set is set (allowed-1 settings) (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "cr3 target count", P, 7, XVCPU_VMCS_CR3_TARGET_COUNT, 0, 0x200, 0, 0, 0,
      "CR3-target count above IA32_VMX_MISC's limit (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "io bitmap a", P, 7, XVCPU_VMCS_IO_BITMAP_A_ADDRESS, KEEP, 0x800, 0, 0, 0,
      "I/O bitmap address not 4-KByte aligned or beyond the physical-address width (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "msr bitmap", P, 7, XVCPU_VMCS_MSR_BITMAP_ADDRESS, KEEP, 0x10, 0, 0, 0,
      "MSR bitmap address not 4-KByte aligned or beyond the physical-address width (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "virtual nmis", P, 7, XVCPU_VMCS_PIN_BASED_CONTROLS, ~(uint64_t)XVCPU_PIN_NMI_EXITING, 0, 0, 0, 0,
      "virtual NMIs set without NMI exiting (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "nmi window", P, 7, XVCPU_VMCS_PIN_BASED_CONTROLS, ~(uint64_t)XVCPU_PIN_VIRTUAL_NMIS, 0,
      XVCPU_VMCS_PRIMARY_PROC_BASED_CONTROLS, KEEP, XVCPU_PROC_NMI_WINDOW_EXITING,
      "NMI-window exiting set without virtual NMIs (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "vpid 0", P, 7, XVCPU_VMCS_VIRTUAL_PROCESSOR_ID, 0, 0, 0, 0, 0, "enable VPID with VPID 0 (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "eptp memory type", P, 7, XVCPU_VMCS_EPT_POINTER, ~7ull, 1, 0, 0, 0,
      "EPT pointer: memory type not allowed by IA32_VMX_EPT_VPID_CAP (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "eptp walk length", P, 7, XVCPU_VMCS_EPT_POINTER, ~0x38ull, 0x10, 0, 0, 0,
      "EPT pointer: page-walk length not supported (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "eptp reserved", P, 7, XVCPU_VMCS_EPT_POINTER, KEEP, 0x800, 0, 0, 0,
      "EPT pointer: reserved bits set (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "unrestricted without ept", P, 7, XVCPU_VMCS_SECONDARY_PROC_BASED_CONTROLS, ~(uint64_t)XVCPU_PROC2_ENABLE_EPT, 0, 0, 0, 0,
      "unrestricted guest without EPT (SDM Vol. 3C 27.2.1.1)", 0, 0 },
    { "exit allowed-0", P, 7, XVCPU_VMCS_PRIMARY_EXIT_CONTROLS, ~1ull, 0, 0, 0, 0,
      "primary VM-exit controls: a bit the CPU needs set is clear (allowed-0 settings) (SDM Vol. 3C 27.2.1.2)", 0, 0 },
    { "save preemption timer", P, 7, XVCPU_VMCS_PRIMARY_EXIT_CONTROLS, KEEP, XVCPU_EXIT_SAVE_VMX_PREEMPTION_TIMER, 0, 0, 0,
      "save VMX-preemption timer without activating it (SDM Vol. 3C 27.2.1.2)", 0, 0 },
    { "exit msr store", P, 7, XVCPU_VMCS_EXIT_MSR_STORE_COUNT, 0, 1, XVCPU_VMCS_EXIT_MSR_STORE_ADDRESS, 0, 0x1008,
      "VM-exit MSR-store address not 16-byte aligned or beyond the physical-address width (SDM Vol. 3C 27.2.1.2)", 0, 0 },
    { "entry allowed-0", P, 7, XVCPU_VMCS_ENTRY_CONTROLS, ~1ull, 0, 0, 0, 0,
      "VM-entry controls: a bit the CPU needs set is clear (allowed-0 settings) (SDM Vol. 3C 27.2.1.3)", 0, 0 },
    { "entry to smm", P, 7, XVCPU_VMCS_ENTRY_CONTROLS, KEEP, XVCPU_ENTRY_ENTRY_TO_SMM, 0, 0, 0,
      "entry to SMM or deactivate dual-monitor treatment outside SMM (SDM Vol. 3C 27.2.1.3)", 0, 0 },
    { "entry msr load", P, 7, XVCPU_VMCS_ENTRY_MSR_LOAD_COUNT, 0, 1, XVCPU_VMCS_ENTRY_MSR_LOAD_ADDRESS, 0, 0x1004,
      "VM-entry MSR-load address not 16-byte aligned or beyond the physical-address width (SDM Vol. 3C 27.2.1.3)", 0, 0 },
    { "inject type 1", P, 7, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x80000100u, 0, 0, 0,
      "VM-entry interruption information: type 1 is reserved (SDM Vol. 3C 27.2.1.3)", 0, 0 },
    { "inject vector 32", P, 7, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x80000320u, 0, 0, 0,
      "VM-entry interruption information: a hardware exception needs a vector 0-31 (SDM Vol. 3C 27.2.1.3)", 0, 0 },
    { "inject nmi vector", P, 7, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x80000203u, 0, 0, 0,
      "VM-entry interruption information: an NMI must have vector 2 (SDM Vol. 3C 27.2.1.3)", 0, 0 },
    { "inject #UD error code", P, 7, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x80000B06u, 0, 0, 0,
      "VM-entry interruption information: error code delivered for an event that has none (SDM Vol. 3C 27.2.1.3)", 0, 0 },
    { "inject #GP no error code", P, 7, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x8000030Du, 0, 0, 0,
      "VM-entry interruption information: error code missing for an exception that pushes one (SDM Vol. 3C 27.2.1.3)", 0, 0 },
    { "inject soft int length", P, 7, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x80000480u, XVCPU_VMCS_ENTRY_INSTRUCTION_LENGTH, 0, 16,
      "VM-entry instruction length: a software event needs 1-15 bytes (SDM Vol. 3C 27.2.1.3)", 0, 0 },
    /* host state: VMfailValid 8 (SDM Vol. 3C 27.2.2-27.2.4) */
    { "host cr0", P, 8, XVCPU_VMCS_HOST_CR0, ~(uint64_t)XVCPU_CR0_NE, 0, 0, 0, 0,
      "host CR0: not within IA32_VMX_CR0_FIXED0/FIXED1 (SDM Vol. 3C 27.2.2)", 0, 0 },
    { "host cr4", P, 8, XVCPU_VMCS_HOST_CR4, ~(uint64_t)XVCPU_CR4_VMXE, 0, 0, 0, 0,
      "host CR4: not within IA32_VMX_CR4_FIXED0/FIXED1 (SDM Vol. 3C 27.2.2)", 0, 0 },
    { "host cr3", P, 8, XVCPU_VMCS_HOST_CR3, KEEP, 1ull << 50, 0, 0, 0,
      "host CR3: bits beyond the physical-address width set (SDM Vol. 3C 27.2.2)", 0, 0 },
    { "host sysenter esp", P, 8, XVCPU_VMCS_HOST_IA32_SYSENTER_ESP, 0, NONC, 0, 0, 0,
      "host IA32_SYSENTER_ESP/EIP not canonical (SDM Vol. 3C 27.2.2)", 0, 0 },
    { "host pat", P, 8, XVCPU_VMCS_HOST_IA32_PAT, ~0xFFull, 2, 0, 0, 0, "host IA32_PAT: a memory type is invalid (SDM Vol. 3C 27.2.2)", 0, 0 },
    { "host efer reserved", P, 8, XVCPU_VMCS_HOST_IA32_EFER, KEEP, 4, 0, 0, 0, "host IA32_EFER: reserved bits set (SDM Vol. 3C 27.2.2)", 0, 0 },
    { "host efer lma", P, 8, XVCPU_VMCS_HOST_IA32_EFER, ~(uint64_t)XVCPU_IA32_EFER_LMA, 0, 0, 0, 0,
      "host IA32_EFER: LMA and LME must equal the host address-space size control (SDM Vol. 3C 27.2.2)", 0, 0 },
    { "host cs rpl", P, 8, XVCPU_VMCS_HOST_CS_SELECTOR, KEEP, 3, 0, 0, 0,
      "host selector: RPL or TI set (ES, CS, SS, DS, FS, GS or TR) (SDM Vol. 3C 27.2.3)", 0, 0 },
    { "host cs 0", P, 8, XVCPU_VMCS_HOST_CS_SELECTOR, 0, 0, 0, 0, 0, "host CS selector is 0 (SDM Vol. 3C 27.2.3)", 0, 0 },
    { "host tr 0", P, 8, XVCPU_VMCS_HOST_TR_SELECTOR, 0, 0, 0, 0, 0, "host TR selector is 0 (SDM Vol. 3C 27.2.3)", 0, 0 },
    { "host fs base", P, 8, XVCPU_VMCS_HOST_FS_BASE, 0, NONC, 0, 0, 0,
      "host FS, GS, GDTR, IDTR or TR base not canonical (SDM Vol. 3C 27.2.3)", 0, 0 },
    { "host cr4 pae", P, 8, XVCPU_VMCS_HOST_CR4, ~(uint64_t)XVCPU_CR4_PAE, 0, 0, 0, 0,
      "host CR4.PAE clear with a 64-bit host (SDM Vol. 3C 27.2.4)", 0, 0 },
    { "host rip", P, 8, XVCPU_VMCS_HOST_RIP, 0, NONC, 0, 0, 0, "host RIP not canonical (SDM Vol. 3C 27.2.4)", 0, 0 },
    /* guest state: exit reason 33 (SDM Vol. 3C 27.3.1) */
    { "guest cr0 ne", P, 33, XVCPU_VMCS_GUEST_CR0, ~(uint64_t)XVCPU_CR0_NE, 0, 0, 0, 0,
      "guest CR0: not within IA32_VMX_CR0_FIXED0/FIXED1 (SDM Vol. 3C 27.3.1.1)", 0, 0 },
    { "guest cr0 pg without pe", P, 33, XVCPU_VMCS_GUEST_CR0, ~(uint64_t)XVCPU_CR0_PE, XVCPU_CR0_PG, 0, 0, 0,
      "guest CR0: PG set without PE (SDM Vol. 3C 27.3.1.1)", 0, 0 },
    { "guest cr4", P, 33, XVCPU_VMCS_GUEST_CR4, ~(uint64_t)XVCPU_CR4_VMXE, 0, 0, 0, 0,
      "guest CR4: not within IA32_VMX_CR4_FIXED0/FIXED1 (SDM Vol. 3C 27.3.1.1)", 0, 0 },
    { "guest debugctl", P, 33, XVCPU_VMCS_GUEST_IA32_DEBUGCTL, KEEP, 4, 0, 0, 0,
      "guest IA32_DEBUGCTL: reserved bits set (SDM Vol. 3C 27.3.1.1)", 0, 0 },
    { "ia32e without pae", L, 33, XVCPU_VMCS_GUEST_CR4, ~(uint64_t)XVCPU_CR4_PAE, 0, 0, 0, 0,
      "IA-32e mode guest without CR0.PG and CR4.PAE (SDM Vol. 3C 27.3.1.1)", 0, 0 },
    { "guest cr3", P, 33, XVCPU_VMCS_GUEST_CR3, KEEP, 1ull << 50, 0, 0, 0,
      "guest CR3: bits beyond the physical-address width set (SDM Vol. 3C 27.3.1.1)", 0, 0 },
    { "guest dr7", P, 33, XVCPU_VMCS_GUEST_DR7, KEEP, 1ull << 32, 0, 0, 0, "guest DR7: bits 63:32 set (SDM Vol. 3C 27.3.1.1)", 0, 0 },
    { "guest sysenter eip", P, 33, XVCPU_VMCS_GUEST_IA32_SYSENTER_EIP, 0, NONC, 0, 0, 0,
      "guest IA32_SYSENTER_ESP/EIP not canonical (SDM Vol. 3C 27.3.1.1)", 0, 0 },
    { "guest pat", P, 33, XVCPU_VMCS_GUEST_IA32_PAT, ~0xFF00ull, 0x300, 0, 0, 0,
      "guest IA32_PAT: a memory type is invalid (SDM Vol. 3C 27.3.1.1)", 0, 0 },
    { "guest efer reserved", P, 33, XVCPU_VMCS_GUEST_IA32_EFER, KEEP, 2, 0, 0, 0,
      "guest IA32_EFER: reserved bits set (SDM Vol. 3C 27.3.1.1)", 0, 0 },
    { "guest efer lma", L, 33, XVCPU_VMCS_GUEST_IA32_EFER, ~(uint64_t)XVCPU_IA32_EFER_LMA, 0, 0, 0, 0,
      "guest IA32_EFER.LMA differs from the IA-32e mode guest control (SDM Vol. 3C 27.3.1.1)", 0, 0 },
    { "guest cs type", P, 33, XVCPU_VMCS_GUEST_CS_ACCESS_RIGHTS, ~0xFull, 0x1, 0, 0, 0,
      "guest CS type: must be accessed code (or read/write accessed data with unrestricted guest) (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest ss type", P, 33, XVCPU_VMCS_GUEST_SS_ACCESS_RIGHTS, ~0xFull, 0xB, 0, 0, 0,
      "guest SS type: must be read/write accessed data (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest ds accessed", P, 33, XVCPU_VMCS_GUEST_DS_ACCESS_RIGHTS, ~1ull, 0, 0, 0, 0,
      "guest DS/ES/FS/GS type: not accessed (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest es readable", P, 33, XVCPU_VMCS_GUEST_ES_ACCESS_RIGHTS, ~0xFull, 0x9, 0, 0, 0,
      "guest DS/ES/FS/GS type: code segment not readable (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest fs s", P, 33, XVCPU_VMCS_GUEST_FS_ACCESS_RIGHTS, ~(uint64_t)XVCPU_SEGMENT_ACCESS_RIGHTS_S, 0, 0, 0, 0,
      "guest CS/SS/DS/ES/FS/GS: S (descriptor type) clear (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest gs present", P, 33, XVCPU_VMCS_GUEST_GS_ACCESS_RIGHTS, ~(uint64_t)XVCPU_SEGMENT_ACCESS_RIGHTS_P, 0, 0, 0, 0,
      "guest CS/SS/DS/ES/FS/GS: not present (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest ds reserved", P, 33, XVCPU_VMCS_GUEST_DS_ACCESS_RIGHTS, KEEP, 0x100, 0, 0, 0,
      "guest segment access rights: reserved bits 11:8 or 31:17 set (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest cs limit", P, 33, XVCPU_VMCS_GUEST_CS_LIMIT, 0, 0x000FFFFEu, 0, 0, 0,
      "guest segment limit and granularity (G) disagree (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest cs l and db", L, 33, XVCPU_VMCS_GUEST_CS_ACCESS_RIGHTS, KEEP, XVCPU_SEGMENT_ACCESS_RIGHTS_DB, 0, 0, 0,
      "guest CS: L and D/B both set in an IA-32e mode guest (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest fs base", L, 33, XVCPU_VMCS_GUEST_FS_BASE, 0, NONC, 0, 0, 0, "guest FS/GS base not canonical (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest cs base", P, 33, XVCPU_VMCS_GUEST_CS_BASE, KEEP, 1ull << 32, 0, 0, 0,
      "guest CS/SS/DS/ES base: bits 63:32 set (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest tr ti", P, 33, XVCPU_VMCS_GUEST_TR_SELECTOR, KEEP, 4, 0, 0, 0, "guest TR selector: TI set (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest tr type", P, 33, XVCPU_VMCS_GUEST_TR_ACCESS_RIGHTS, ~0xFull, 0x9, 0, 0, 0,
      "guest TR type: must be a busy TSS (32/64-bit; 16-bit outside IA-32e mode) (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest tr unusable", P, 33, XVCPU_VMCS_GUEST_TR_ACCESS_RIGHTS, KEEP, XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE, 0, 0, 0,
      "guest TR marked unusable (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest ldtr type", P, 33, XVCPU_VMCS_GUEST_LDTR_ACCESS_RIGHTS, 0, 0x83, 0, 0, 0,
      "guest LDTR type: must be 2 (LDT) (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest v8086 base", P, 33, XVCPU_VMCS_GUEST_RFLAGS, KEEP, XVCPU_RFLAGS_VM, 0, 0, 0,
      "virtual-8086 guest: a segment base is not its selector times 16 (SDM Vol. 3C 27.3.1.2)", 0, 0 },
    { "guest gdtr limit", P, 33, XVCPU_VMCS_GUEST_GDTR_LIMIT, 0, 0x10000, 0, 0, 0,
      "guest GDTR/IDTR limit: bits 31:16 set (SDM Vol. 3C 27.3.1.3)", 0, 0 },
    { "guest idtr base", P, 33, XVCPU_VMCS_GUEST_IDTR_BASE, 0, NONC, 0, 0, 0,
      "guest GDTR/IDTR base not canonical (SDM Vol. 3C 27.3.1.3)", 0, 0 },
    { "guest rip high", P, 33, XVCPU_VMCS_GUEST_RIP, KEEP, 1ull << 32, 0, 0, 0,
      "guest RIP: bits 63:32 set outside 64-bit mode (SDM Vol. 3C 27.3.1.4)", 0, 0 },
    { "guest rip canonical", L, 33, XVCPU_VMCS_GUEST_RIP, 0, NONC, 0, 0, 0,
      "guest RIP not canonical in 64-bit mode (SDM Vol. 3C 27.3.1.4)", 0, 0 },
    { "guest rflags reserved", P, 33, XVCPU_VMCS_GUEST_RFLAGS, KEEP, 1ull << 15, 0, 0, 0,
      "guest RFLAGS: reserved bits set (SDM Vol. 3C 27.3.1.4)", 0, 0 },
    { "guest rflags bit 1", P, 33, XVCPU_VMCS_GUEST_RFLAGS, ~2ull, 0, 0, 0, 0, "guest RFLAGS: bit 1 clear (SDM Vol. 3C 27.3.1.4)", 0, 0 },
    { "guest if for interrupt", P, 33, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x80000020u, 0, 0, 0,
      "guest RFLAGS.IF clear while injecting an external interrupt (SDM Vol. 3C 27.3.1.4)", 0, 0 },
    { "guest activity", P, 33, XVCPU_VMCS_GUEST_ACTIVITY_STATE, 0, 4, 0, 0, 0,
      "guest activity state not supported (IA32_VMX_MISC) (SDM Vol. 3C 27.3.1.5)", 0, 0 },
    { "guest sti and mov ss", P, 33, XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE, 0, 3, XVCPU_VMCS_GUEST_RFLAGS, KEEP, XVCPU_RFLAGS_IF,
      "guest interruptibility state: blocking by STI and by MOV SS both set (SDM Vol. 3C 27.3.1.5)", 0, 0 },
    { "guest sti without if", P, 33, XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE, 0, 1, 0, 0, 0,
      "guest interruptibility state: blocking by STI with RFLAGS.IF clear (SDM Vol. 3C 27.3.1.5)", 0, 0 },
    { "guest intr reserved", P, 33, XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE, 0, 0x20, 0, 0, 0,
      "guest interruptibility state: reserved bits 31:5 set (SDM Vol. 3C 27.3.1.5)", 0, 0 },
    { "guest smi blocking", P, 33, XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE, 0, 4, 0, 0, 0,
      "guest blocking by SMI outside SMM (SDM Vol. 3C 27.3.1.5)", 0, 0 },
    { "guest pending dbg reserved", P, 33, XVCPU_VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS, 0, 0x10, 0, 0, 0,
      "guest pending debug exceptions: reserved bits set (SDM Vol. 3C 27.3.1.5)", 0, 0 },
    { "guest pending bs", P, 33, XVCPU_VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS, 0, XVCPU_PENDING_DEBUG_EXCEPTIONS_BS,
      XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE, 0, 2,
      "guest pending debug exceptions: BS set without single-stepping under blocking or HLT (SDM Vol. 3C 27.3.1.5)", 0, 0 },
    { "link pointer misaligned", P, 33, XVCPU_VMCS_VMCS_LINK_POINTER, 0, 0x1234, 0, 0, 0,
      "VMCS link pointer: not all ones and not a 4-KByte aligned address (SDM Vol. 3C 27.3.1.5)", 0, 0 },
    { "link pointer revision", P, 33, XVCPU_VMCS_VMCS_LINK_POINTER, 0, ENTRY_VAL_OTHER_PAGE, 0, 0, 0,
      "VMCS link pointer: the region's revision identifier is wrong (SDM Vol. 3C 27.3.1.5)", 0, 0 },
    { "link pointer current vmcs", P, 33, XVCPU_VMCS_VMCS_LINK_POINTER, 0, ENTRY_VAL_VMCS_PHYS, 0, 0, 0,
      "VMCS link pointer: the current VMCS (SDM Vol. 3C 27.3.1.5)", 0, 0 },
    { "guest pdpte", P, 33, XVCPU_VMCS_GUEST_CR0, KEEP, XVCPU_CR0_PG, XVCPU_VMCS_GUEST_CR4, KEEP, XVCPU_CR4_PAE,
      "guest PDPTE: present with reserved bits set (SDM Vol. 3C 27.3.1.6)", XVCPU_VMCS_GUEST_PDPTE0, 0x2003 },
};

#undef P
#undef L
#undef KEEP
#undef NONC

#define ENTRY_CASE_COUNT (sizeof(entry_cases) / sizeof(entry_cases[0]))

#endif
