// Entry at EL2 (QEMU virt, virtualization=on), the EL2 vectors and the guest entry and exit.
	.section .text.start, "ax"
	.global _start
_start:
	mrs	x0, CurrentEL
	cmp	x0, #(2 << 2)
	b.ne	not_el2
	adrp	x0, stack_top
	add	x0, x0, :lo12:stack_top
	mov	sp, x0
	adrp	x0, el2_vectors
	add	x0, x0, :lo12:el2_vectors
	msr	VBAR_EL2, x0
	// The EL2 MMU: with it off every access is to Device memory, where the 16-byte accesses
	// Swift code makes to 8-byte-aligned data take an alignment fault. An identity map of the
	// first 4 GiB in 1 GiB blocks: RAM Normal non-cacheable (so that the guest, whose MMU is
	// off, and EL2 see the same memory without cache maintenance), the rest Device.
	// MAIR_EL2: Attr0 Device-nGnRnE (0x00), Attr1 Normal non-cacheable (0x44).
	mov	x0, #0x4400
	msr	MAIR_EL2, x0
	// TCR_EL2: one value valid with E2H 0 and 1 (tcr_note below).
	ldr	x0, =0x80803520
	msr	TCR_EL2, x0
	adrp	x0, el2_page_table
	add	x0, x0, :lo12:el2_page_table
	msr	TTBR0_EL2, x0
	isb
	tlbi	alle2
	dsb	sy
	isb
	mrs	x0, SCTLR_EL2
	orr	x0, x0, #1		// M
	msr	SCTLR_EL2, x0
	isb
	mov	x0, #0
	bl	set_host_mode
	// Zero .bss.
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	bl	qemu_check_main
	bl	semihosting_exit
not_el2:
	mov	x0, #4
	bl	semihosting_exit

	.text
// uint64_t guest_enter(struct mailbox *mailbox): saves the hypervisor's callee-saved registers
// and SP, then ERETs to the guest at ELR_EL2/SPSR_EL2 with x0 = mailbox.
	.global guest_enter
guest_enter:
	adrp	x9, hyp_saved
	add	x9, x9, :lo12:hyp_saved
	stp	x19, x20, [x9, #0]
	stp	x21, x22, [x9, #16]
	stp	x23, x24, [x9, #32]
	stp	x25, x26, [x9, #48]
	stp	x27, x28, [x9, #64]
	stp	x29, x30, [x9, #80]
	mov	x10, sp
	str	x10, [x9, #96]
	eret

// A synchronous exception from the guest: an HVC #0 is its exit, back to guest_enter's caller
// with the ESR_EL2; anything else fails the run. ELR_EL2 and SPSR_EL2 stay for exitGuest to save.
lower_sync:
	mrs	x0, ESR_EL2
	lsr	x1, x0, #26
	cmp	x1, #0x16		// EC 0x16: HVC from AArch64
	b.eq	1f
	cmp	x1, #0x12		// EC 0x12: HVC from AArch32
	b.ne	lower_unexpected
1:
	adrp	x9, hyp_saved
	add	x9, x9, :lo12:hyp_saved
	ldp	x19, x20, [x9, #0]
	ldp	x21, x22, [x9, #16]
	ldp	x23, x24, [x9, #32]
	ldp	x25, x26, [x9, #48]
	ldp	x27, x28, [x9, #64]
	ldp	x29, x30, [x9, #80]
	ldr	x10, [x9, #96]
	mov	sp, x10
	ret
lower_unexpected:
	adrp	x9, stack_top
	add	x9, x9, :lo12:stack_top
	mov	sp, x9
	mrs	x1, ELR_EL2
	mrs	x2, FAR_EL2
	mov	x3, #1
	bl	el2_unexpected
// A synchronous exception at EL2: an UNDEFINED MRS or MSR that support.c's
// el2_skip_undefined skips (the probe of which registers QEMU's CPU implements), or a failure.
current_sync:
	sub	sp, sp, #256
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mov	x0, sp
	mrs	x1, ESR_EL2
	mrs	x2, ELR_EL2
	bl	el2_skip_undefined
	cbz	x0, current_unexpected
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #256
	eret
current_unexpected:
	mrs	x0, ESR_EL2
	mrs	x1, ELR_EL2
	mrs	x2, FAR_EL2
	mov	x3, #0
	adrp	x9, stack_top
	add	x9, x9, :lo12:stack_top
	mov	sp, x9
	bl	el2_unexpected

	.macro	VECTOR target
	.balign	0x80
	b	\target
	.endm

	.balign	0x800
el2_vectors:
	.rept	4
	VECTOR	current_unexpected	// current EL with SP0
	.endr
	VECTOR	current_sync		// current EL with SPx, synchronous
	.rept	3
	VECTOR	current_unexpected
	.endr
	VECTOR	lower_sync		// lower EL, AArch64, synchronous
	.rept	3
	VECTOR	lower_unexpected
	.endr
	VECTOR	lower_sync		// lower EL, AArch32, synchronous
	.rept	3
	VECTOR	lower_unexpected
	.endr

// tcr_note: TCR_EL2 0x80803520 reads the same in both of its layouts. E2H = 0: T0SZ = 32
// (4 GiB), IRGN0 = ORGN0 = 0b01, SH0 = 0b11, TG0 = 4 KiB, PS = 32 bits, bits 23 and 31 RES1.
// E2H = 1 (TCR_EL1 layout): the same TTBR0 fields, bit 23 EPD1 (no TTBR1 walks) and bit 31 TG1
// = 0b10 (4 KiB). So changing E2H needs only a TLB invalidation (set_host_mode).
	.data
	.balign	4096
el2_page_table:
	// Level 1 block descriptors: output address | AF (bit 10) | SH inner (3 << 8) | AttrIndx << 2 | 0b01.
	.quad	0x00000000 | (1 << 10) | (0 << 2) | 1
	.quad	0x40000000 | (1 << 10) | (3 << 8) | (1 << 2) | 1
	.quad	0x80000000 | (1 << 10) | (0 << 2) | 1
	.quad	0xc0000000 | (1 << 10) | (0 << 2) | 1

	.bss
	.balign	16
hyp_saved:
	.skip	112
	.balign	16
	.skip	0x10000
stack_top:
