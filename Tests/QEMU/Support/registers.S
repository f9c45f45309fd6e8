// The registers reached by name, assembled from LLVM's AArch64 register names (not from
// registers.yaml), and the AArch64 EL1 guest that reads and writes them.
//
// Flags (qemu_support.h): W writable, R redirected by E2H from EL2 (the Arm ARM lists an
// *_EL12/*_EL02 alias), X an EL2 exception changes what the name reaches under VHE,
// H a VHE host's own state, SP the guest's SP at EL1h.
// Toggles are bits that hold what is written and change nothing the check relies on, from the
// field lists of each register in the Arm ARM (DDI 0487): SCTLR_EL1 DZE, UCT, nTWI, nTWE, UCI
// (EL0 controls); CPACR_EL1 ZEN and FPEN (the guest code uses no FP or SVE); VBAR_EL1 bit 11,
// switching between the two copies of the guest's vectors; CSSELR_EL1 InD (both level-1
// caches exist); CNTV_CTL_EL0 IMASK (ISTATUS is read-only); MDSCR_EL1 TDCC and KDE (no
// software step without SS).
	.arch	armv9.2-a+ssbs

	.equ	W, 1
	.equ	R, 2
	.equ	X, 4
	.equ	H, 8
	.equ	SP, 16
	.equ	ALL, 0xffffffffffffffff

	.macro	ENTRY table, name, flags, initial, toggle, read, write
	.pushsection .rodata.names, "a"
.Lname_\table\()_\name:
	.asciz	"\name"
	.popsection
	.pushsection \table, "a"
	.balign	8
	.quad	.Lname_\table\()_\name, \read, \write, \initial, \toggle, \flags
	.popsection
	.endm

	// A register read with `mrs x0, NAME` and, when writable, written with `msr NAME, x0`.
	.macro	REG table, name, flags, initial, toggle
	.pushsection .text.stubs, "ax"
.Lread_\table\()_\name:
	mrs	x0, \name
	ret
	.if	(\flags) & W
.Lwrite_\table\()_\name:
	msr	\name, x0
	ret
	.popsection
	ENTRY	\table, \name, \flags, \initial, \toggle, .Lread_\table\()_\name, .Lwrite_\table\()_\name
	.else
	.popsection
	ENTRY	\table, \name, \flags, \initial, \toggle, .Lread_\table\()_\name, 0
	.endif
	.endm

	.macro	GUEST name, flags, initial, toggle
	REG	guest_registers, \name, \flags, \initial, \toggle
	.endm

GUEST	CSSELR_EL1,	W,		0,		0x1
GUEST	SCTLR_EL1,	W|R,		0x30d00800,	0x405c000
GUEST	ACTLR_EL1,	W,		0,		0xff
GUEST	CPACR_EL1,	W|R,		0,		0x330000
GUEST	TTBR0_EL1,	W|R,		0,		0xffff00fffffff000
GUEST	TTBR1_EL1,	W|R,		0,		0xffff00fffffff000
GUEST	TCR_EL1,	W|R,		0,		0x3f033f
GUEST	ESR_EL1,	W|R|X,		0,		0xffffffff
GUEST	AFSR0_EL1,	W|R,		0,		0xffffffff
GUEST	AFSR1_EL1,	W|R,		0,		0xffffffff
GUEST	FAR_EL1,	W|R|X,		0,		ALL
GUEST	MAIR_EL1,	W|R,		0,		ALL
GUEST	VBAR_EL1,	W|R,		guest_vectors,	0x800
GUEST	CONTEXTIDR_EL1,	W|R,		0,		0xffffffff
GUEST	TPIDR_EL0,	W|H,		0,		ALL
GUEST	TPIDRRO_EL0,	W|H,		0,		ALL
GUEST	TPIDR_EL1,	W,		0,		ALL
GUEST	AMAIR_EL1,	W|R,		0,		ALL
GUEST	CNTKCTL_EL1,	W|R,		0,		0x303
GUEST	PAR_EL1,	W,		0,		0xff00fffffffff000
GUEST	MPIDR_EL1,	0,		0x80000000,	0xff00ffffff
GUEST	ELR_EL1,	W|R|X,		0,		ALL
GUEST	SPSR_EL1,	W|R|X,		0,		0xf00003c5
GUEST	MDSCR_EL1,	W|H,		0,		0x3000
GUEST	SP_EL0,		W|H,		0,		0xfffffffffffffff0
GUEST	CNTV_CTL_EL0,	W|R,		0,		0x2
GUEST	CNTV_CVAL_EL0,	W|R,		0,		ALL
	// SP_EL1 is the guest's SP at EL1h: no EL1 instruction names it.
	.pushsection .text.stubs, "ax"
.Lread_sp:
	mov	x0, sp
	ret
.Lwrite_sp:
	mov	sp, x0
	ret
	.popsection
	ENTRY	guest_registers, SP_EL1, W|SP, 0x40000000, 0xffffff0, .Lread_sp, .Lwrite_sp

	// The AArch32 EL1 state that EL2 holds in *32_EL2 registers, reached by name at EL2.
	.macro	EL2 name, flags, initial, toggle
	REG	el2_registers, \name, \flags, \initial, \toggle
	.endm
EL2	DACR32_EL2,	W,	0,	0xffffffff
EL2	IFSR32_EL2,	W,	0,	0x140f
EL2	DBGVCR32_EL2,	W,	0,	0xde
EL2	FPEXC32_EL2,	W,	0x700,	0x80000000

// The AArch32 EL1 guest (guest32.S, assembled for A32 by run.sh) and its registers, with the
// AArch64 register and half each maps to.
	.pushsection .rodata.guest32, "a"
	.balign	0x100
	.global	a32_guest
a32_guest:
	.incbin	"guest32.bin"
	.popsection
	.set	A32_VECTORS, a32_guest + 0x20

	.macro	A32REG name, aarch64, half, cp, opc1, crn, crm, opc2, flags, initial, toggle
	.pushsection .rodata.names, "a"
.Lname32_\name:
	.asciz	"\name"
.Lname32_\name\()_64:
	.asciz	"\aarch64"
	.popsection
	.pushsection aarch32_registers, "a"
	.balign	8
	.quad	.Lname32_\name, .Lname32_\name\()_64, \half, \initial, \toggle, \flags
	.popsection
	.endm
	.include "aarch32_registers.inc"

// The guest: x0 = mailbox. For each table entry i: seen[i] = read; when bit i of write_mask is
// set, write values[i] and held[i] = read back. Then it records where it will resume and its
// PSTATE by name, and exits with HVC #0; on re-entry it starts again.
	.equ	MB_WRITE_MASK, 0
	.equ	MB_EXIT_PC, 8
	.equ	MB_PSTATE, 16
	.equ	MB_FAULT_ESR, 24
	.equ	MB_FAULT_ELR, 32
	.equ	MB_VALUES, 64
	.equ	MB_SEEN, 64 + 8 * 64
	.equ	MB_HELD, 64 + 16 * 64
	.equ	ENTRY_SIZE, 48

	.text
	.global	guest_entry
guest_entry:
	mov	x19, x0
	adrp	x20, __start_guest_registers
	add	x20, x20, :lo12:__start_guest_registers
	adrp	x21, __stop_guest_registers
	add	x21, x21, :lo12:__stop_guest_registers
	mov	x22, #0
1:	cmp	x20, x21
	b.hs	3f
	ldr	x9, [x20, #8]
	blr	x9
	add	x10, x19, x22, lsl #3
	str	x0, [x10, #MB_SEEN]
	ldr	x9, [x19, #MB_WRITE_MASK]
	lsr	x9, x9, x22
	tbz	x9, #0, 2f
	ldr	x9, [x20, #16]
	cbz	x9, 2f
	add	x10, x19, x22, lsl #3
	ldr	x0, [x10, #MB_VALUES]
	blr	x9
	ldr	x9, [x20, #8]
	blr	x9
	add	x10, x19, x22, lsl #3
	str	x0, [x10, #MB_HELD]
2:	add	x20, x20, #ENTRY_SIZE
	add	x22, x22, #1
	b	1b
3:	adr	x1, 4f
	str	x1, [x19, #MB_EXIT_PC]
	mrs	x1, NZCV
	mrs	x2, DAIF
	orr	x1, x1, x2
	mrs	x2, PAN
	orr	x1, x1, x2
	mrs	x2, UAO
	orr	x1, x1, x2
	mrs	x2, DIT
	orr	x1, x1, x2
	mrs	x2, SSBS
	orr	x1, x1, x2
	mrs	x2, CurrentEL
	orr	x1, x1, x2
	mrs	x2, SPSel
	orr	x1, x1, x2
	str	x1, [x19, #MB_PSTATE]
	hvc	#0
4:	b	guest_entry

// The guest's EL1 vectors, twice (VBAR_EL1 toggles bit 11 between the copies): any exception
// is a failure, reported through the mailbox (x19) and HVC #1.
	.macro	GUEST_VECTORS
	.rept	16
	.balign	0x80
	mrs	x1, ESR_EL1
	str	x1, [x19, #MB_FAULT_ESR]
	mrs	x1, ELR_EL1
	str	x1, [x19, #MB_FAULT_ELR]
	hvc	#1
	.endr
	.endm
	.balign	0x1000
	.global	guest_vectors
guest_vectors:
	GUEST_VECTORS
	.balign	0x800
	GUEST_VECTORS
