// The AArch32 EL1 guest, assembled for A32 and included as bytes in registers.S. It runs where
// it is placed: every address it uses is PC-relative or comes from the mailbox (r0).
// For each register k of aarch32_registers.inc: seen[k] = MRC; when bit k of the write mask is
// set, MCR values[k] and held[k] = MRC. Then it records its PC and CPSR and exits with HVC #0.
	.syntax	unified
	.arm
	.arch	armv8-a
	.arch_extension	virt
	.text

	.equ	W, 1
	.equ	MB_WRITE_MASK, 0
	.equ	MB_EXIT_PC, 8
	.equ	MB_PSTATE, 16
	.equ	MB_FAULT_ESR, 24
	.equ	MB_FAULT_ELR, 32
	.equ	MB_VALUES, 64
	.equ	MB_SEEN, 64 + 8 * 64
	.equ	MB_HELD, 64 + 16 * 64

	.equ	A32_COUNT, 0

	// Offset 0: the entry; 0x20: the vectors (VBAR); 0x100: 16 bytes per register.
	b	main
	.balign	0x20
vectors:
	.rept	8
	b	fault
	.endr

	.macro	A32REG name, aarch64, half, cp, opc1, crn, crm, opc2, flags, initial, toggle
	.balign	16
	mrc	\cp, \opc1, r0, \crn, \crm, \opc2
	bx	lr
	mcr	\cp, \opc1, r0, \crn, \crm, \opc2
	bx	lr
	.set	A32_COUNT, A32_COUNT + 1
	.endm
	.balign	0x100
stubs:
	.include "aarch32_registers.inc"

main:
	mov	r4, r0
	mov	r6, #0
	adr	r7, stubs
1:	cmp	r6, #A32_COUNT
	bhs	3f
	add	r8, r7, r6, lsl #4
	blx	r8
	add	r9, r4, r6, lsl #3
	add	r9, r9, #MB_SEEN
	mov	r1, #0
	strd	r0, r1, [r9]
	ldr	r1, [r4, #MB_WRITE_MASK]
	lsr	r1, r1, r6
	tst	r1, #1
	beq	2f
	add	r9, r4, r6, lsl #3
	ldr	r0, [r9, #MB_VALUES]
	add	r8, r7, r6, lsl #4
	add	r8, r8, #8
	blx	r8
	add	r8, r7, r6, lsl #4
	blx	r8
	add	r9, r4, r6, lsl #3
	add	r9, r9, #MB_HELD
	mov	r1, #0
	strd	r0, r1, [r9]
2:	add	r6, r6, #1
	b	1b
3:	adr	r2, 4f
	mov	r3, #0
	strd	r2, r3, [r4, #MB_EXIT_PC]
	mrs	r2, cpsr
	strd	r2, r3, [r4, #MB_PSTATE]
	hvc	#0
4:	b	main

fault:
	mrc	p15, 0, r2, c5, c0, 0	// DFSR
	mov	r3, #0
	strd	r2, r3, [r4, #MB_FAULT_ESR]
	mov	r2, lr
	strd	r2, r3, [r4, #MB_FAULT_ELR]
	hvc	#1
