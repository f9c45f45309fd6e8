/*
 * The bare-metal side of the QEMU check: what the Swift harness (Harness/) calls.
 * The register tables are assembled in registers.S from LLVM's register names.
 */
#ifndef QEMU_SUPPORT_H
#define QEMU_SUPPORT_H

#include <stdint.h>

/* Flags of a register table entry. */
enum {
	/* The guest writes it (and the VMM may): it holds what is written to it. */
	REG_WRITABLE = 1,
	/* Under VHE, its EL1/EL0 name reaches an EL2 register from EL2 (it has an _EL12 or _EL02 alias). */
	REG_REDIRECTED = 2,
	/* Under VHE, its name reaches an EL2 register that an exception taken to EL2 changes. */
	REG_EXCEPTION_STATE = 4,
	/* A VHE host's own state that EL2 reaches by this name: the host sets it and expects it kept. */
	REG_VHE_HOST_STATE = 8,
	/* The guest's stack pointer at EL1h, read and written as SP: not reachable by name from EL2. */
	REG_GUEST_SP = 16,
	/* No facts in register_facts.inc: the harness probes which bits hold what is written. */
	REG_PROBE = 32,
};

/* One register reached by name: `mrs x0, NAME` and `msr NAME, x0` as separate functions. */
struct register_entry {
	const char *name;
	uint64_t (*read)(void);
	void (*write)(uint64_t);
	/* The value the checks start from and the bits they toggle: only bits that hold what is
	 * written and that change nothing the check depends on (from the Arm ARM's field lists). */
	uint64_t initial;
	uint64_t toggle;
	uint64_t flags;
};

/* The registers an AArch64 EL1 guest reads by name, and their number. */
const struct register_entry *guest_registers(uint64_t *count);
/* The registers the hypervisor reaches by name at EL2 (the AArch32 EL1 state), and their number. */
const struct register_entry *el2_registers(uint64_t *count);

/* One register of the AArch32 guest (aarch32_registers.inc): the guest reaches it by its
 * encoding, k-th in the file; it is the `half` (0 low, 1 high) of the AArch64 register named `aarch64`. */
struct aarch32_entry {
	const char *name;
	const char *aarch64;
	uint64_t half;
	uint64_t initial;
	uint64_t toggle;
	uint64_t flags;
};

/* The AArch32 guest's registers, and their number. */
const struct aarch32_entry *aarch32_registers(uint64_t *count);

/* The AArch32 guest's entry point (A32). */
uint64_t aarch32_guest_address(void);

/* HCR_EL2.RW = 0 (EL1 is AArch32) when aarch32, 1 otherwise. */
void set_el1_aarch32(int aarch32);

enum { MAILBOX_SLOTS = 64 };

/* What the guest is told to do on entry and what it reports at its exit (registers.S uses the offsets). */
struct mailbox {
	/* Bit i: the guest writes values[i] to entry i and reads it back into held[i]. */
	uint64_t write_mask;
	/* Where the guest resumes after its HVC: the ELR_EL2 of its exit. */
	uint64_t exit_pc;
	/* NZCV | DAIF | PAN | UAO | DIT | SSBS | CurrentEL | SPSel, read by name before the HVC. */
	uint64_t pstate;
	/* ESR_EL1 and ELR_EL1 when the guest took an exception at EL1 (it then exits with HVC #1). */
	uint64_t fault_esr;
	uint64_t fault_elr;
	/* Bit i: the guest skips entry i, a register QEMU's CPU does not implement. */
	uint64_t skip_mask;
	uint64_t reserved[2];
	uint64_t values[MAILBOX_SLOTS];
	uint64_t seen[MAILBOX_SLOTS];
	uint64_t held[MAILBOX_SLOTS];
};

/* The one mailbox the guest uses, and its slots by index (0 when out of range). */
struct mailbox *the_mailbox(void);
uint64_t mailbox_seen(uint64_t index);
uint64_t mailbox_held(uint64_t index);
void mailbox_set_value(uint64_t index, uint64_t value);

/* Enters the guest at the ELR_EL2 and SPSR_EL2 on the CPU with x0 = mailbox; returns at its
 * HVC with the ESR_EL2 of the exit. */
uint64_t guest_enter(struct mailbox *mailbox);

/* The guest's entry point. */
uint64_t guest_entry_address(void);

/* Sets HCR_EL2 (E2H when vhe, RW, and the enables of support.c), HCRX_EL2, the fine-grained
 * traps and the CPTR_EL2 that lets EL2 and EL1 use FP, SVE and SME in that layout. */
void set_host_mode(int vhe);

/* While probing (probing = 1), an MRS or MSR at EL2 that is UNDEFINED (ESR_EL2.EC 0) is
 * skipped, an MRS reading 0, and its encoding recorded. Any other exception at EL2 fails the run. */
void el2_set_probing(int probing);
/* How many encodings were recorded as UNDEFINED. */
uint64_t el2_undefined_count(void);
/* 1 when the encoding was recorded as UNDEFINED, or it is the *_EL12 or *_EL02 form (op1 = 5)
 * of a recorded one: the register QEMU's CPU does not implement. */
int el2_is_undefined(uint64_t op0, uint64_t op1, uint64_t crn, uint64_t crm, uint64_t op2);

/* ID_AA64PFR0_EL1, read by name: which exception levels can run AArch32. */
uint64_t id_aa64pfr0_el1(void);

/* Writes one character to the PL011 UART. */
int putchar(int c);

/* Ends the program through semihosting SYS_EXIT with `status`. */
void __attribute__((noreturn)) semihosting_exit(int status);

#endif
