// The registers reached by name and the AArch64 EL1 guest that reads and writes them. The
// table is registers.inc, which run.sh generates from the register file: one line per register,
// `GUEST NAME, flags` (or `EL2 NAME, flags` for the AArch32 state EL2 holds in *32_EL2
// registers), each assembled as `mrs x0, NAME` (and `msr NAME, x0`) with LLVM's register names,
// so that LLVM, not the register file, maps the name to its encoding.
//
// Flags (qemu_support.h): W writable (LLVM assembles `msr NAME, x0`), R redirected by E2H from
// EL2 (LLVM names its *_EL12/*_EL02 alias), X an EL2 exception changes what the name reaches
// under VHE, H a VHE host's own state, SP the guest's SP at EL1h, PROBE no facts in
// register_facts.inc: the harness finds at startup which bits hold what is written.
	// LLVM accepts some register names only with their extension enabled. Neoverse V3 (Armv9.2-A)
	// has most of them (BRBE, SPE, TRBE, MTE, ...); the rest are added here. With these, LLVM
	// reads every name of its AArch64 table but the write-only ones and Armv8-R's.
	.cpu	neoverse-v3+sme+the+d128+ls64+gcs+mte+mec+ite

	.equ	W, 1
	.equ	R, 2
	.equ	X, 4
	.equ	H, 8
	.equ	SP, 16
	.equ	PROBE, 32
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
	// SP_EL1 is the guest's SP at EL1h: no EL1 instruction names it.
	.macro	REG table, name, flags, initial, toggle
	.pushsection .text.stubs, "ax"
.Lread_\table\()_\name:
	.ifc	\name, SP_EL1
	mov	x0, sp
	.else
	mrs	x0, \name
	.endif
	ret
	.if	(\flags) & W
.Lwrite_\table\()_\name:
	.ifc	\name, SP_EL1
	mov	sp, x0
	.else
	msr	\name, x0
	.endif
	ret
	.popsection
	ENTRY	\table, \name, \flags, \initial, \toggle, .Lread_\table\()_\name, .Lwrite_\table\()_\name
	.else
	.popsection
	ENTRY	\table, \name, \flags, \initial, \toggle, .Lread_\table\()_\name, 0
	.endif
	.endm

	.macro	FACT name, flags, initial, toggle
	.set	fact_flags_\name, \flags
	.set	fact_initial_\name, \initial
	.set	fact_toggle_\name, \toggle
	.endm
	.include "register_facts.inc"

	// A register of `table` with its facts, or to be probed.
	.macro	ANY table, name, flags
	.ifdef	fact_toggle_\name
	REG	\table, \name, (\flags) | fact_flags_\name, fact_initial_\name, fact_toggle_\name
	.else
	REG	\table, \name, (\flags) | PROBE, 0, 0
	.endif
	.endm
	.macro	GUEST name, flags
	ANY	guest_registers, \name, \flags
	.endm
	.macro	EL2 name, flags
	ANY	el2_registers, \name, \flags
	.endm
	.include "registers.inc"

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
	.equ	MB_SKIP_MASK, 40
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
	ldr	x9, [x19, #MB_SKIP_MASK]	// registers QEMU's CPU does not implement
	lsr	x9, x9, x22
	tbnz	x9, #0, 2f
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
