/* minihv entry: multiboot v1 header, then 32-bit protected mode -> 64-bit long mode -> kmain().
 *
 * Entered in flat 32-bit protected mode, paging off, interrupts off, by our boot ROM or by any
 * multiboot loader (QEMU -kernel, GRUB). The GDT and stack we inherit are unknown: set our own.
 * We identity-map the first 4 GiB with 2 MiB pages (every machine we run on has PAE + PSE; 1 GiB
 * pages would need a CPUID check), so physical == virtual for RAM, the ROM and the local APIC. */

#define MB_MAGIC      0x1BADB002
#define MB_FLAGS      0                 /* we need nothing from the loader */

#define CR0_PE        (1 << 0)
#define CR0_MP        (1 << 1)          /* WAIT/FWAIT honour TS */
#define CR0_ET        (1 << 4)
#define CR0_NE        (1 << 5)          /* native x87 errors; VMX requires NE=1 */
#define CR0_WP        (1 << 16)
#define CR0_PG        (1 << 31)
#define CR4_PAE       (1 << 5)
#define CR4_OSFXSR    (1 << 9)          /* SSE usable; costs nothing, helps code outside minihv */
#define CR4_OSXMMEXCPT (1 << 10)
#define MSR_EFER      0xC0000080
#define EFER_LME      (1 << 8)

#define PTE_P         0x01
#define PTE_RW        0x02
#define PTE_PWT       0x08
#define PTE_PCD       0x10
#define PTE_PS        0x80              /* 2 MiB page in a PD entry */

#define SEL_CODE64    0x08
#define SEL_DATA      0x10

	.section .multiboot, "a"
	.p2align 2
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.section .text.entry, "ax"
	.code32
	.globl _start32
_start32:
	cli
	cld
	movl %eax, boot_magic           /* kmain may want to know who loaded us */
	movl %ebx, boot_info
	movl $boot_stack_top, %esp

	/* no long mode: say so on port 0xE9 and stop, rather than triple-fault */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	btl $29, %edx
	jnc no_long_mode

	/* PD entries: 2048 x 2 MiB = 4 GiB. The top GiB is the MMIO hole (APIC, ROM): uncached. */
	movl $boot_pd, %edi
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $21, %eax
	orl $(PTE_P | PTE_RW | PTE_PS), %eax
	cmpl $1536, %ecx
	jb 2f
	orl $(PTE_PCD | PTE_PWT), %eax
2:	movl %eax, (%edi,%ecx,8)
	movl $0, 4(%edi,%ecx,8)
	incl %ecx
	cmpl $2048, %ecx
	jb 1b

	/* PDPT entries 0-3 -> the four PDs; PML4 entry 0 -> PDPT */
	movl $boot_pdpt, %edi
	movl $(boot_pd + (PTE_P | PTE_RW)), %eax
	xorl %ecx, %ecx
3:	movl %eax, (%edi,%ecx,8)
	movl $0, 4(%edi,%ecx,8)
	addl $4096, %eax
	incl %ecx
	cmpl $4, %ecx
	jb 3b
	movl $(boot_pdpt + (PTE_P | PTE_RW)), boot_pml4
	movl $0, boot_pml4 + 4

	movl %cr4, %eax
	orl $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	/* absolute value: also clears CD/NW (set at reset when our ROM booted us), EM and TS */
	movl $(CR0_PG | CR0_WP | CR0_NE | CR0_ET | CR0_MP | CR0_PE), %eax
	movl %eax, %cr0

	lgdt minihv_gdt_desc
	ljmp $SEL_CODE64, $long_mode

no_long_mode:
	movl $no_lm_msg, %esi
4:	lodsb
	testb %al, %al
	jz 5f
	outb %al, $0xE9
	jmp 4b
5:	cli
	hlt
	jmp 5b

	.code64
long_mode:
	movl $SEL_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	movq $boot_stack_top, %rsp      /* zero-extends: drops garbage in the upper half */
	xorl %ebp, %ebp
	call kmain
6:	cli
	hlt
	jmp 6b

	.section .rodata
no_lm_msg:
	.asciz "minihv: FAIL: this CPU has no long mode\n"

/* The one GDT. trap.c fills the TSS descriptor (0x18) at run time: its base is not a link-time
 * constant the assembler can split. */
	.data
	.p2align 4
	.globl minihv_gdt
minihv_gdt:
	.quad 0
	.quad 0x00AF9A000000FFFF        /* 0x08: code, 64-bit */
	.quad 0x00CF92000000FFFF        /* 0x10: data, flat */
	.quad 0, 0                      /* 0x18: 64-bit TSS, 16 bytes */
minihv_gdt_end:
	.p2align 3
	.globl minihv_gdt_desc
minihv_gdt_desc:
	.word minihv_gdt_end - minihv_gdt - 1
	.quad minihv_gdt                /* lgdt in 32-bit mode reads only the low 4 bytes */

	.globl boot_magic, boot_info
boot_magic:
	.long 0
boot_info:
	.long 0

	.bss
	.p2align 12
boot_pml4:
	.skip 4096
boot_pdpt:
	.skip 4096
boot_pd:
	.skip 4 * 4096
	.p2align 4
boot_stack:
	.skip 64 * 1024
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
