/* minihv boot ROM: replaces the BIOS in Bochs (`romimage:`) and QEMU (`-bios`).
 *
 * The CPU starts in real mode at 0xFFFFFFF0 (CS base 0xFFFF0000, IP 0xFFF0). We enable A20,
 * enter flat 32-bit protected mode, copy the kernel image embedded below to its link address
 * (1 MiB), zero its .bss and jump to its multiboot entry as a multiboot loader would, but with
 * no multiboot info: EAX = 0x2BADB002, EBX = 0.
 *
 * The kernel's symbols (__minihv_load_start, __bss_start, __bss_end, _start32) come from
 * linking with `ld --just-symbols=minihv.elf`; rom.ld places the sections and checks sizes.
 * Labels here stay local so they cannot clash with the kernel's symbols. */

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10

/* ---- the kernel image, first in the ROM (at 4 GiB - ROM size) ---- */
	.section .payload, "a"
	.p2align 4
rom_kernel_image:
	.incbin "minihv.bin"
rom_kernel_image_end:
	.globl rom_kernel_image, rom_kernel_image_end  /* for rom.ld's checks */

/* ---- 32-bit part: runs from ROM, flat segments ---- */
	.section .text32, "ax"
	.code32
rom_start32:
	movl $KERNEL_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs

	/* copy the image; rom.ld asserts its size is a multiple of 4 */
	movl $rom_kernel_image, %esi
	movl $__minihv_load_start, %edi
	movl $((rom_kernel_image_end - rom_kernel_image) / 4), %ecx
	cld
	rep movsl

	/* zero .bss (RAM is zero in emulators after power-on, but a loader must not rely on it) */
	movl $__bss_start, %edi
	movl $__bss_end, %ecx
	subl %edi, %ecx
	shrl $2, %ecx                   /* rom.ld asserts whole words */
	xorl %eax, %eax
	rep stosl

	movl $0x2BADB002, %eax
	xorl %ebx, %ebx
	movl $_start32, %edx
	jmp *%edx

/* ---- 16-bit part: must sit in the last 64 KiB, reachable from CS base 0xFFFF0000 ---- */
	.section .text16, "ax"
	.code16
rom_reset16:
	cli
	cld
	/* fast A20 through System Control Port A (0x92); bit 0 would reset the machine */
	inb $0x92, %al
	orb $0x02, %al
	andb $0xFE, %al
	outb %al, $0x92
	/* DS base is 0 at reset, so address the descriptor through CS (base 0xFFFF0000) */
	lgdtl %cs:(rom_gdt_desc - 0xFFFF0000)
	movl %cr0, %eax
	orl $1, %eax            /* PE */
	movl %eax, %cr0
	ljmpl $KERNEL_CS, $rom_start32

	.p2align 3
rom_gdt:
	.quad 0
	.quad 0x00CF9A000000FFFF        /* 0x08: code, 32-bit, base 0, limit 4 GiB */
	.quad 0x00CF92000000FFFF        /* 0x10: data, base 0, limit 4 GiB */
rom_gdt_end:
rom_gdt_desc:
	.word rom_gdt_end - rom_gdt - 1
	.long rom_gdt

/* ---- reset vector at 0xFFFFFFF0 ---- */
	.section .reset, "ax"
	.code16
	jmp rom_reset16

	.section .note.GNU-stack, "", @progbits
