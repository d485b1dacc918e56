/* The software VM-entry checker on the software machine: the VMCS the library writes passes every
 * check, and each of the corruptions below makes exactly the named check fail first, with the
 * failure class the CPU would report (VMfailValid 7 or 8, exit reason 33). */

typedef struct entry_case {
    const char *name;
    xvcpu_start_mode mode;
    uint32_t fail;            /* 7, 8: VMfailValid error; 33: guest-state exit reason */
    uint32_t enc;             /* field to corrupt: new = (old & and_mask) | or_mask */
    uint64_t and_mask, or_mask;
    uint32_t enc2;            /* optional second field (0: none) */
    uint64_t and2, or2;
    const char *check;        /* what the library must name */
} entry_case;

#define KEEP ~0ull
#define NONC 0x0000800000000000ull /* not canonical with 48-bit linear addresses */
#define P XVCPU_START_PROTECTED
#define L XVCPU_START_LONG

static const entry_case entry_cases[] = {
    /* controls: VMfailValid 7 (SDM Vol. 3C 27.2.1) */
    { "pin allowed-0", P, 7, XVCPU_VMCS_PIN_BASED_CONTROLS, ~0x2ull, 0, 0, 0, 0,
      "pin-based controls: a bit the CPU needs set is clear (allowed-0 settings) (SDM Vol. 3C 27.2.1.1)" },
    { "pin allowed-1", P, 7, XVCPU_VMCS_PIN_BASED_CONTROLS, KEEP, 1ull << 31, 0, 0, 0,
      "pin-based controls: a bit the CPU cannot set is set (allowed-1 settings) (SDM Vol. 3C 27.2.1.1)" },
    { "proc allowed-0", P, 7, XVCPU_VMCS_PRIMARY_PROC_BASED_CONTROLS, ~0x2ull, 0, 0, 0, 0,
      "primary processor-based controls: a bit the CPU needs set is clear (allowed-0 settings) (SDM Vol. 3C 27.2.1.1)" },
    { "proc allowed-1", P, 7, XVCPU_VMCS_PRIMARY_PROC_BASED_CONTROLS, KEEP, 1, 0, 0, 0,
      "primary processor-based controls: a bit the CPU cannot set is set (allowed-1 settings) (SDM Vol. 3C 27.2.1.1)" },
    { "proc2 allowed-1", P, 7, XVCPU_VMCS_SECONDARY_PROC_BASED_CONTROLS, KEEP, 1ull << 31, 0, 0, 0,
      "secondary processor-based controls: a bit the CPU cannot set is set (allowed-1 settings) (SDM Vol. 3C 27.2.1.1)" },
    { "cr3 target count", P, 7, XVCPU_VMCS_CR3_TARGET_COUNT, 0, 1, 0, 0, 0,
      "CR3-target count above IA32_VMX_MISC's limit (SDM Vol. 3C 27.2.1.1)" },
    { "io bitmap a", P, 7, XVCPU_VMCS_IO_BITMAP_A_ADDRESS, KEEP, 0x800, 0, 0, 0,
      "I/O bitmap address not 4-KByte aligned or beyond the physical-address width (SDM Vol. 3C 27.2.1.1)" },
    { "msr bitmap", P, 7, XVCPU_VMCS_MSR_BITMAP_ADDRESS, KEEP, 0x10, 0, 0, 0,
      "MSR bitmap address not 4-KByte aligned or beyond the physical-address width (SDM Vol. 3C 27.2.1.1)" },
    { "virtual nmis", P, 7, XVCPU_VMCS_PIN_BASED_CONTROLS, ~(uint64_t)XVCPU_PIN_NMI_EXITING, 0, 0, 0, 0,
      "virtual NMIs set without NMI exiting (SDM Vol. 3C 27.2.1.1)" },
    { "nmi window", P, 7, XVCPU_VMCS_PIN_BASED_CONTROLS, ~(uint64_t)XVCPU_PIN_VIRTUAL_NMIS, 0,
      XVCPU_VMCS_PRIMARY_PROC_BASED_CONTROLS, KEEP, XVCPU_PROC_NMI_WINDOW_EXITING,
      "NMI-window exiting set without virtual NMIs (SDM Vol. 3C 27.2.1.1)" },
    { "vpid 0", P, 7, XVCPU_VMCS_VIRTUAL_PROCESSOR_ID, 0, 0, 0, 0, 0, "enable VPID with VPID 0 (SDM Vol. 3C 27.2.1.1)" },
    { "eptp memory type", P, 7, XVCPU_VMCS_EPT_POINTER, ~7ull, 1, 0, 0, 0,
      "EPT pointer: memory type not allowed by IA32_VMX_EPT_VPID_CAP (SDM Vol. 3C 27.2.1.1)" },
    { "eptp walk length", P, 7, XVCPU_VMCS_EPT_POINTER, ~0x38ull, 0x10, 0, 0, 0,
      "EPT pointer: page-walk length not supported (SDM Vol. 3C 27.2.1.1)" },
    { "eptp reserved", P, 7, XVCPU_VMCS_EPT_POINTER, KEEP, 0x800, 0, 0, 0,
      "EPT pointer: reserved bits set (SDM Vol. 3C 27.2.1.1)" },
    { "unrestricted without ept", P, 7, XVCPU_VMCS_SECONDARY_PROC_BASED_CONTROLS, ~(uint64_t)XVCPU_PROC2_ENABLE_EPT, 0, 0, 0, 0,
      "unrestricted guest without EPT (SDM Vol. 3C 27.2.1.1)" },
    { "exit allowed-0", P, 7, XVCPU_VMCS_PRIMARY_EXIT_CONTROLS, ~1ull, 0, 0, 0, 0,
      "primary VM-exit controls: a bit the CPU needs set is clear (allowed-0 settings) (SDM Vol. 3C 27.2.1.2)" },
    { "save preemption timer", P, 7, XVCPU_VMCS_PRIMARY_EXIT_CONTROLS, KEEP, XVCPU_EXIT_SAVE_VMX_PREEMPTION_TIMER, 0, 0, 0,
      "save VMX-preemption timer without activating it (SDM Vol. 3C 27.2.1.2)" },
    { "exit msr store", P, 7, XVCPU_VMCS_EXIT_MSR_STORE_COUNT, 0, 1, XVCPU_VMCS_EXIT_MSR_STORE_ADDRESS, 0, 0x1008,
      "VM-exit MSR-store address not 16-byte aligned or beyond the physical-address width (SDM Vol. 3C 27.2.1.2)" },
    { "entry allowed-0", P, 7, XVCPU_VMCS_ENTRY_CONTROLS, ~1ull, 0, 0, 0, 0,
      "VM-entry controls: a bit the CPU needs set is clear (allowed-0 settings) (SDM Vol. 3C 27.2.1.3)" },
    { "entry to smm", P, 7, XVCPU_VMCS_ENTRY_CONTROLS, KEEP, XVCPU_ENTRY_ENTRY_TO_SMM, 0, 0, 0,
      "entry to SMM or deactivate dual-monitor treatment outside SMM (SDM Vol. 3C 27.2.1.3)" },
    { "entry msr load", P, 7, XVCPU_VMCS_ENTRY_MSR_LOAD_COUNT, 0, 1, XVCPU_VMCS_ENTRY_MSR_LOAD_ADDRESS, 0, 0x1004,
      "VM-entry MSR-load address not 16-byte aligned or beyond the physical-address width (SDM Vol. 3C 27.2.1.3)" },
    { "inject type 1", P, 7, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x80000100u, 0, 0, 0,
      "VM-entry interruption information: type 1 is reserved (SDM Vol. 3C 27.2.1.3)" },
    { "inject vector 32", P, 7, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x80000320u, 0, 0, 0,
      "VM-entry interruption information: a hardware exception needs a vector 0-31 (SDM Vol. 3C 27.2.1.3)" },
    { "inject nmi vector", P, 7, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x80000203u, 0, 0, 0,
      "VM-entry interruption information: an NMI must have vector 2 (SDM Vol. 3C 27.2.1.3)" },
    { "inject #UD error code", P, 7, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x80000B06u, 0, 0, 0,
      "VM-entry interruption information: error code delivered for an event that has none (SDM Vol. 3C 27.2.1.3)" },
    { "inject #GP no error code", P, 7, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x8000030Du, 0, 0, 0,
      "VM-entry interruption information: error code missing for an exception that pushes one (SDM Vol. 3C 27.2.1.3)" },
    { "inject soft int length", P, 7, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x80000480u, XVCPU_VMCS_ENTRY_INSTRUCTION_LENGTH, 0, 0,
      "VM-entry instruction length: a software event needs 1-15 bytes (SDM Vol. 3C 27.2.1.3)" },
    /* host state: VMfailValid 8 (SDM Vol. 3C 27.2.2-27.2.4) */
    { "host cr0", P, 8, XVCPU_VMCS_HOST_CR0, ~(uint64_t)XVCPU_CR0_NE, 0, 0, 0, 0,
      "host CR0: not within IA32_VMX_CR0_FIXED0/FIXED1 (SDM Vol. 3C 27.2.2)" },
    { "host cr4", P, 8, XVCPU_VMCS_HOST_CR4, ~(uint64_t)XVCPU_CR4_VMXE, 0, 0, 0, 0,
      "host CR4: not within IA32_VMX_CR4_FIXED0/FIXED1 (SDM Vol. 3C 27.2.2)" },
    { "host cr3", P, 8, XVCPU_VMCS_HOST_CR3, KEEP, 1ull << 50, 0, 0, 0,
      "host CR3: bits beyond the physical-address width set (SDM Vol. 3C 27.2.2)" },
    { "host sysenter esp", P, 8, XVCPU_VMCS_HOST_IA32_SYSENTER_ESP, 0, NONC, 0, 0, 0,
      "host IA32_SYSENTER_ESP/EIP not canonical (SDM Vol. 3C 27.2.2)" },
    { "host pat", P, 8, XVCPU_VMCS_HOST_IA32_PAT, ~0xFFull, 2, 0, 0, 0, "host IA32_PAT: a memory type is invalid (SDM Vol. 3C 27.2.2)" },
    { "host efer reserved", P, 8, XVCPU_VMCS_HOST_IA32_EFER, KEEP, 4, 0, 0, 0, "host IA32_EFER: reserved bits set (SDM Vol. 3C 27.2.2)" },
    { "host efer lma", P, 8, XVCPU_VMCS_HOST_IA32_EFER, ~(uint64_t)XVCPU_IA32_EFER_LMA, 0, 0, 0, 0,
      "host IA32_EFER: LMA and LME must equal the host address-space size control (SDM Vol. 3C 27.2.2)" },
    { "host cs rpl", P, 8, XVCPU_VMCS_HOST_CS_SELECTOR, KEEP, 3, 0, 0, 0,
      "host selector: RPL or TI set (ES, CS, SS, DS, FS, GS or TR) (SDM Vol. 3C 27.2.3)" },
    { "host cs 0", P, 8, XVCPU_VMCS_HOST_CS_SELECTOR, 0, 0, 0, 0, 0, "host CS selector is 0 (SDM Vol. 3C 27.2.3)" },
    { "host tr 0", P, 8, XVCPU_VMCS_HOST_TR_SELECTOR, 0, 0, 0, 0, 0, "host TR selector is 0 (SDM Vol. 3C 27.2.3)" },
    { "host fs base", P, 8, XVCPU_VMCS_HOST_FS_BASE, 0, NONC, 0, 0, 0,
      "host FS, GS, GDTR, IDTR or TR base not canonical (SDM Vol. 3C 27.2.3)" },
    { "host cr4 pae", P, 8, XVCPU_VMCS_HOST_CR4, ~(uint64_t)XVCPU_CR4_PAE, 0, 0, 0, 0,
      "host CR4.PAE clear with a 64-bit host (SDM Vol. 3C 27.2.4)" },
    { "host rip", P, 8, XVCPU_VMCS_HOST_RIP, 0, NONC, 0, 0, 0, "host RIP not canonical (SDM Vol. 3C 27.2.4)" },
    /* guest state: exit reason 33 (SDM Vol. 3C 27.3.1) */
    { "guest cr0 ne", P, 33, XVCPU_VMCS_GUEST_CR0, ~(uint64_t)XVCPU_CR0_NE, 0, 0, 0, 0,
      "guest CR0: not within IA32_VMX_CR0_FIXED0/FIXED1 (SDM Vol. 3C 27.3.1.1)" },
    { "guest cr0 pg without pe", P, 33, XVCPU_VMCS_GUEST_CR0, ~(uint64_t)XVCPU_CR0_PE, XVCPU_CR0_PG, 0, 0, 0,
      "guest CR0: PG set without PE (SDM Vol. 3C 27.3.1.1)" },
    { "guest cr4", P, 33, XVCPU_VMCS_GUEST_CR4, ~(uint64_t)XVCPU_CR4_VMXE, 0, 0, 0, 0,
      "guest CR4: not within IA32_VMX_CR4_FIXED0/FIXED1 (SDM Vol. 3C 27.3.1.1)" },
    { "guest debugctl", P, 33, XVCPU_VMCS_GUEST_IA32_DEBUGCTL, KEEP, 4, 0, 0, 0,
      "guest IA32_DEBUGCTL: reserved bits set (SDM Vol. 3C 27.3.1.1)" },
    { "ia32e without pae", L, 33, XVCPU_VMCS_GUEST_CR4, ~(uint64_t)XVCPU_CR4_PAE, 0, 0, 0, 0,
      "IA-32e mode guest without CR0.PG and CR4.PAE (SDM Vol. 3C 27.3.1.1)" },
    { "guest cr3", P, 33, XVCPU_VMCS_GUEST_CR3, KEEP, 1ull << 50, 0, 0, 0,
      "guest CR3: bits beyond the physical-address width set (SDM Vol. 3C 27.3.1.1)" },
    { "guest dr7", P, 33, XVCPU_VMCS_GUEST_DR7, KEEP, 1ull << 32, 0, 0, 0, "guest DR7: bits 63:32 set (SDM Vol. 3C 27.3.1.1)" },
    { "guest sysenter eip", P, 33, XVCPU_VMCS_GUEST_IA32_SYSENTER_EIP, 0, NONC, 0, 0, 0,
      "guest IA32_SYSENTER_ESP/EIP not canonical (SDM Vol. 3C 27.3.1.1)" },
    { "guest pat", P, 33, XVCPU_VMCS_GUEST_IA32_PAT, ~0xFF00ull, 0x300, 0, 0, 0,
      "guest IA32_PAT: a memory type is invalid (SDM Vol. 3C 27.3.1.1)" },
    { "guest efer reserved", P, 33, XVCPU_VMCS_GUEST_IA32_EFER, KEEP, 2, 0, 0, 0,
      "guest IA32_EFER: reserved bits set (SDM Vol. 3C 27.3.1.1)" },
    { "guest efer lma", L, 33, XVCPU_VMCS_GUEST_IA32_EFER, ~(uint64_t)XVCPU_IA32_EFER_LMA, 0, 0, 0, 0,
      "guest IA32_EFER.LMA differs from the IA-32e mode guest control (SDM Vol. 3C 27.3.1.1)" },
    { "guest cs type", P, 33, XVCPU_VMCS_GUEST_CS_ACCESS_RIGHTS, ~0xFull, 0x1, 0, 0, 0,
      "guest CS type: must be accessed code (or read/write accessed data with unrestricted guest) (SDM Vol. 3C 27.3.1.2)" },
    { "guest ss type", P, 33, XVCPU_VMCS_GUEST_SS_ACCESS_RIGHTS, ~0xFull, 0xB, 0, 0, 0,
      "guest SS type: must be read/write accessed data (SDM Vol. 3C 27.3.1.2)" },
    { "guest ds accessed", P, 33, XVCPU_VMCS_GUEST_DS_ACCESS_RIGHTS, ~1ull, 0, 0, 0, 0,
      "guest DS/ES/FS/GS type: not accessed (SDM Vol. 3C 27.3.1.2)" },
    { "guest es readable", P, 33, XVCPU_VMCS_GUEST_ES_ACCESS_RIGHTS, ~0xFull, 0x9, 0, 0, 0,
      "guest DS/ES/FS/GS type: code segment not readable (SDM Vol. 3C 27.3.1.2)" },
    { "guest fs s", P, 33, XVCPU_VMCS_GUEST_FS_ACCESS_RIGHTS, ~(uint64_t)XVCPU_SEGMENT_ACCESS_RIGHTS_S, 0, 0, 0, 0,
      "guest CS/SS/DS/ES/FS/GS: S (descriptor type) clear (SDM Vol. 3C 27.3.1.2)" },
    { "guest gs present", P, 33, XVCPU_VMCS_GUEST_GS_ACCESS_RIGHTS, ~(uint64_t)XVCPU_SEGMENT_ACCESS_RIGHTS_P, 0, 0, 0, 0,
      "guest CS/SS/DS/ES/FS/GS: not present (SDM Vol. 3C 27.3.1.2)" },
    { "guest ds reserved", P, 33, XVCPU_VMCS_GUEST_DS_ACCESS_RIGHTS, KEEP, 0x100, 0, 0, 0,
      "guest segment access rights: reserved bits 11:8 or 31:17 set (SDM Vol. 3C 27.3.1.2)" },
    { "guest cs limit", P, 33, XVCPU_VMCS_GUEST_CS_LIMIT, 0, 0x000FFFFEu, 0, 0, 0,
      "guest segment limit and granularity (G) disagree (SDM Vol. 3C 27.3.1.2)" },
    { "guest cs l and db", L, 33, XVCPU_VMCS_GUEST_CS_ACCESS_RIGHTS, KEEP, XVCPU_SEGMENT_ACCESS_RIGHTS_DB, 0, 0, 0,
      "guest CS: L and D/B both set in an IA-32e mode guest (SDM Vol. 3C 27.3.1.2)" },
    { "guest fs base", L, 33, XVCPU_VMCS_GUEST_FS_BASE, 0, NONC, 0, 0, 0, "guest FS/GS base not canonical (SDM Vol. 3C 27.3.1.2)" },
    { "guest cs base", P, 33, XVCPU_VMCS_GUEST_CS_BASE, KEEP, 1ull << 32, 0, 0, 0,
      "guest CS/SS/DS/ES base: bits 63:32 set (SDM Vol. 3C 27.3.1.2)" },
    { "guest tr ti", P, 33, XVCPU_VMCS_GUEST_TR_SELECTOR, KEEP, 4, 0, 0, 0, "guest TR selector: TI set (SDM Vol. 3C 27.3.1.2)" },
    { "guest tr type", P, 33, XVCPU_VMCS_GUEST_TR_ACCESS_RIGHTS, ~0xFull, 0x9, 0, 0, 0,
      "guest TR type: must be a busy TSS (32/64-bit; 16-bit outside IA-32e mode) (SDM Vol. 3C 27.3.1.2)" },
    { "guest tr unusable", P, 33, XVCPU_VMCS_GUEST_TR_ACCESS_RIGHTS, KEEP, XVCPU_SEGMENT_ACCESS_RIGHTS_UNUSABLE, 0, 0, 0,
      "guest TR marked unusable (SDM Vol. 3C 27.3.1.2)" },
    { "guest ldtr type", P, 33, XVCPU_VMCS_GUEST_LDTR_ACCESS_RIGHTS, 0, 0x83, 0, 0, 0,
      "guest LDTR type: must be 2 (LDT) (SDM Vol. 3C 27.3.1.2)" },
    { "guest v8086 base", P, 33, XVCPU_VMCS_GUEST_RFLAGS, KEEP, XVCPU_RFLAGS_VM, 0, 0, 0,
      "virtual-8086 guest: a segment base is not its selector times 16 (SDM Vol. 3C 27.3.1.2)" },
    { "guest gdtr limit", P, 33, XVCPU_VMCS_GUEST_GDTR_LIMIT, 0, 0x10000, 0, 0, 0,
      "guest GDTR/IDTR limit: bits 31:16 set (SDM Vol. 3C 27.3.1.3)" },
    { "guest idtr base", P, 33, XVCPU_VMCS_GUEST_IDTR_BASE, 0, NONC, 0, 0, 0,
      "guest GDTR/IDTR base not canonical (SDM Vol. 3C 27.3.1.3)" },
    { "guest rip high", P, 33, XVCPU_VMCS_GUEST_RIP, KEEP, 1ull << 32, 0, 0, 0,
      "guest RIP: bits 63:32 set outside 64-bit mode (SDM Vol. 3C 27.3.1.4)" },
    { "guest rip canonical", L, 33, XVCPU_VMCS_GUEST_RIP, 0, NONC, 0, 0, 0,
      "guest RIP not canonical in 64-bit mode (SDM Vol. 3C 27.3.1.4)" },
    { "guest rflags reserved", P, 33, XVCPU_VMCS_GUEST_RFLAGS, KEEP, 1ull << 15, 0, 0, 0,
      "guest RFLAGS: reserved bits set (SDM Vol. 3C 27.3.1.4)" },
    { "guest rflags bit 1", P, 33, XVCPU_VMCS_GUEST_RFLAGS, ~2ull, 0, 0, 0, 0, "guest RFLAGS: bit 1 clear (SDM Vol. 3C 27.3.1.4)" },
    { "guest if for interrupt", P, 33, XVCPU_VMCS_ENTRY_INTERRUPTION_INFO, 0, 0x80000020u, 0, 0, 0,
      "guest RFLAGS.IF clear while injecting an external interrupt (SDM Vol. 3C 27.3.1.4)" },
    { "guest activity", P, 33, XVCPU_VMCS_GUEST_ACTIVITY_STATE, 0, 4, 0, 0, 0,
      "guest activity state not supported (IA32_VMX_MISC) (SDM Vol. 3C 27.3.1.5)" },
    { "guest sti and mov ss", P, 33, XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE, 0, 3, XVCPU_VMCS_GUEST_RFLAGS, KEEP, XVCPU_RFLAGS_IF,
      "guest interruptibility state: blocking by STI and by MOV SS both set (SDM Vol. 3C 27.3.1.5)" },
    { "guest sti without if", P, 33, XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE, 0, 1, 0, 0, 0,
      "guest interruptibility state: blocking by STI with RFLAGS.IF clear (SDM Vol. 3C 27.3.1.5)" },
    { "guest intr reserved", P, 33, XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE, 0, 0x20, 0, 0, 0,
      "guest interruptibility state: reserved bits 31:5 set (SDM Vol. 3C 27.3.1.5)" },
    { "guest smi blocking", P, 33, XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE, 0, 4, 0, 0, 0,
      "guest blocking by SMI outside SMM (SDM Vol. 3C 27.3.1.5)" },
    { "guest pending dbg reserved", P, 33, XVCPU_VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS, 0, 0x10, 0, 0, 0,
      "guest pending debug exceptions: reserved bits set (SDM Vol. 3C 27.3.1.5)" },
    { "guest pending bs", P, 33, XVCPU_VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS, 0, XVCPU_PENDING_DEBUG_EXCEPTIONS_BS,
      XVCPU_VMCS_GUEST_INTERRUPTIBILITY_STATE, 0, 2,
      "guest pending debug exceptions: BS set without single-stepping under blocking or HLT (SDM Vol. 3C 27.3.1.5)" },
    { "link pointer misaligned", P, 33, XVCPU_VMCS_VMCS_LINK_POINTER, 0, 0x1234, 0, 0, 0,
      "VMCS link pointer: not all ones and not a 4-KByte aligned address (SDM Vol. 3C 27.3.1.5)" },
    { "link pointer", P, 33, XVCPU_VMCS_VMCS_LINK_POINTER, 0, 0x5000, 0, 0, 0,
      "VMCS link pointer: not all ones without VMCS shadowing (SDM Vol. 3C 27.3.1.5)" },
    { "guest pdpte", P, 33, XVCPU_VMCS_GUEST_CR0, KEEP, XVCPU_CR0_PG, XVCPU_VMCS_GUEST_CR4, KEEP, XVCPU_CR4_PAE,
      NULL /* PDPTE0 set below */ },
};

#undef P
#undef L

static void entry_check_case(const entry_case *t)
{
    const char *want = t->check ? t->check : "guest PDPTE: present with reserved bits set (SDM Vol. 3C 27.3.1.6)";
    char text[XVCPU_ERROR_TEXT_SIZE];
    vmx_ready(t->mode);
    /* the VMCS the library wrote passes every check */
    CHECK(xvcpu_vmx_entry_check(&vv.arch.vmx.caps, XVCPU_VMX_CHECK_ALL) == NULL);
    soft.vmcs[t->enc] = ((soft.vmcs[t->enc] & t->and_mask) | t->or_mask) & soft_field_mask(t->enc);
    if (t->enc2)
        soft.vmcs[t->enc2] = ((soft.vmcs[t->enc2] & t->and2) | t->or2) & soft_field_mask(t->enc2);
    if (t->check == NULL)
        soft.vmcs[XVCPU_VMCS_GUEST_PDPTE0] = 0x2003; /* present, bit 1 reserved */
    if (t->fail == 33)
        soft.entry_fails = true;
    else
        soft.entry_fail_error = t->fail;
    CHECK_EQ(xvcpu_vcpu_run(&vv, &vex), XVCPU_OK);
    CHECK_EQ(vex.kind, XVCPU_EXIT_FAIL_ENTRY);
    if (vex.u.fail_entry.check == NULL || strcmp(vex.u.fail_entry.check, want) != 0)
        printf("  case \"%s\":\n", t->name);
    CHECK_STR(vex.u.fail_entry.check, want);
    if (t->fail == 33)
        snprintf(text, sizeof(text), "xvcpu_vcpu_run: vCPU 0: VM entry failed: ENTRY_FAILURE_GUEST_STATE: %s", want);
    else
        snprintf(text, sizeof(text), "xvcpu_vcpu_run: vCPU 0: VM entry failed: VMfailValid: %s: %s",
                 xvcpu_vmx_error_text(t->fail), want);
    CHECK_STR(vv.error, text);
    /* every other class still passes: the corruption is named in the class the CPU reported */
    CHECK(xvcpu_vmx_entry_check(&vv.arch.vmx.caps, XVCPU_VMX_CHECK_ALL & ~(t->fail == 7 ? XVCPU_VMX_CHECK_CONTROLS
                                                                        : t->fail == 8 ? XVCPU_VMX_CHECK_HOST
                                                                                       : XVCPU_VMX_CHECK_GUEST)) == NULL);
    vmx_done();
}

void test_entry_check_each_field(void)
{
    unsigned i;
    CHECK(sizeof(entry_cases) / sizeof(entry_cases[0]) >= 30);
    for (i = 0; i < sizeof(entry_cases) / sizeof(entry_cases[0]); i++)
        entry_check_case(&entry_cases[i]);
}

/* Every mode's start state passes, and the check is made only after a failure: a good entry
 * costs no extra VMREAD. */
void test_entry_check_start_states_pass(void)
{
    xvcpu_start_mode modes[3] = { XVCPU_START_REAL, XVCPU_START_PROTECTED, XVCPU_START_LONG };
    unsigned i;
    for (i = 0; i < 3; i++) {
        const char *why;
        vmx_ready(modes[i]);
        why = xvcpu_vmx_entry_check(&vv.arch.vmx.caps, XVCPU_VMX_CHECK_ALL);
        if (why != NULL)
            printf("  start mode %u fails: %s\n", (unsigned)modes[i], why);
        CHECK(why == NULL);
        vmx_done();
    }
}

static unsigned dump_lines;
static char dump_rip[64];
static void dump_print(void *ctx, const char *line)
{
    (void)ctx;
    dump_lines++;
    if (strncmp(line, "GUEST_RIP ", 10) == 0)
        snprintf(dump_rip, sizeof(dump_rip), "%s", line);
}

void test_vmx_dump_every_field(void)
{
    vmx_ready(XVCPU_START_PROTECTED);
    dump_lines = 0;
    CHECK_EQ(xvcpu_vmx_dump(&vv, dump_print, NULL), XVCPU_OK);
    CHECK_EQ(dump_lines, XVCPU_VMCS_FIELD_COUNT); /* the soft machine has every field */
    CHECK_STR(dump_rip, "GUEST_RIP 0x100000");
    soft.field_exists[XVCPU_VMCS_GUEST_RIP] = false; /* a field the CPU lacks is left out */
    dump_lines = 0;
    CHECK_EQ(xvcpu_vmx_dump(&vv, dump_print, NULL), XVCPU_OK);
    CHECK_EQ(dump_lines, XVCPU_VMCS_FIELD_COUNT - 1);
    soft.field_exists[XVCPU_VMCS_GUEST_RIP] = true;
    CHECK_EQ(xvcpu_vcpu_unbind(&vv), XVCPU_OK);
    CHECK_EQ(xvcpu_vmx_dump(&vv, dump_print, NULL), XVCPU_ERR_BAD_STATE);
    CHECK_STR(vv.error, "xvcpu_vmx_dump: vCPU 0 is not a bound VMX vCPU; its VMCS is not loaded");
    CHECK_EQ(xvcpu_vcpu_bind(&vv, &vcpu_host), XVCPU_OK);
    vmx_done();
}
