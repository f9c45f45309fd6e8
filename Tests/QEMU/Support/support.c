/* The C runtime the Embedded Swift harness needs on QEMU's virt machine, and its exits. */
#include <stddef.h>
#include <stdint.h>

#include "qemu_support.h"

/* QEMU virt: PL011 UART0 at 0x09000000 (hw/arm/virt.c, VIRT_UART); FR bit 5 is TXFF. */
#define UART_DR ((volatile uint32_t *)0x09000000)
#define UART_FR ((volatile uint32_t *)0x09000018)

int putchar(int c)
{
	while (*UART_FR & (1u << 5)) {
	}
	*UART_DR = (uint32_t)c;
	return c;
}

void semihosting_exit(int status)
{
	/* SYS_EXIT (0x18) with ADP_Stopped_ApplicationExit (0x20026) and the status, AArch64 form. */
	static volatile uint64_t block[2];
	block[0] = 0x20026;
	block[1] = (uint64_t)status;
	register uint64_t op __asm__("x0") = 0x18;
	register volatile uint64_t *arg __asm__("x1") = block;
	__asm__ volatile("hlt #0xf000" : : "r"(op), "r"(arg) : "memory");
	for (;;) {
	}
}

#define READ_ID(name)                                              \
	({                                                         \
		uint64_t value_;                                   \
		__asm__ volatile("mrs %0, " #name : "=r"(value_)); \
		value_;                                            \
	})

/* ID register field [shift+3:shift], from the Arm ARM's ID_AA64* register pages. */
static unsigned field(uint64_t value, unsigned shift)
{
	return (unsigned)(value >> shift) & 15;
}

/*
 * What EL2 must enable for EL1 (and EL2) to reach the registers QEMU's -cpu max implements,
 * each only when the ID registers say the feature is there (the bits are RES0 otherwise).
 * EL3 is absent on this machine, so every SCR_EL3 enable behaves as 1 (Arm ARM: "when EL3 is
 * not implemented, the PE behaves as if SCR_EL3.<bit> is 1"); QEMU's target/arm/helper.c
 * access functions check exactly these bits (access_mte, tcr2_el1_access, the .fgt fields).
 */
void set_host_mode(int vhe)
{
	uint64_t pfr0 = READ_ID(ID_AA64PFR0_EL1), pfr1 = READ_ID(ID_AA64PFR1_EL1);
	uint64_t mmfr0 = READ_ID(ID_AA64MMFR0_EL1), mmfr1 = READ_ID(ID_AA64MMFR1_EL1);
	/* HCR_EL2: RW (bit 31) EL1 is AArch64, E2H (bit 34) for VHE; TGE stays 0 so that EL1 runs.
	 * ATA (bit 56) with FEAT_MTE2 (ID_AA64PFR1_EL1.MTE, bits [11:8], >= 2): EL1 accesses to
	 * GCR_EL1, RGSR_EL1, TFSR_EL1 and TFSRE0_EL1 are not trapped to EL2. */
	uint64_t hcr = (1ull << 31) | (vhe ? (1ull << 34) : 0);
	if (field(pfr1, 8) >= 2)
		hcr |= 1ull << 56;
	/* EnSCXT (bit 53) with FEAT_CSV2_2 (ID_AA64PFR0_EL1.CSV2, bits [59:56], >= 2): SCXTNUM_EL1
	 * and SCXTNUM_EL0 at EL1 are not trapped to EL2. */
	if (field(pfr0, 56) >= 2)
		hcr |= 1ull << 53;
	/* APK (bit 40) and API (bit 41) with FEAT_PAuth (ID_AA64ISAR1_EL1.APA [7:4], API [11:8], or
	 * ID_AA64ISAR2_EL1.APA3 [15:12]): the key registers (APIAKeyLo_EL1, ...) and the PAC
	 * instructions at EL1 are not trapped to EL2. */
	uint64_t isar1 = READ_ID(ID_AA64ISAR1_EL1), isar2 = READ_ID(ID_AA64ISAR2_EL1);
	if (field(isar1, 4) || field(isar1, 8) || field(isar2, 12))
		hcr |= (1ull << 40) | (1ull << 41);
	/* CPTR_EL2, in the layout E2H selects. E2H = 1 (CPACR_EL1's): ZEN (bits 17:16), FPEN
	 * (21:20) and SMEN (25:24) = 0b11, nothing trapped. E2H = 0: TZ (bit 8), TFP (10) and TSM
	 * (12) = 0, with the RES1 bits 13, 9 and 7:0; TZ and TSM are RES1 without FEAT_SVE
	 * (ID_AA64PFR0_EL1.SVE, bits [35:32]) and FEAT_SME (ID_AA64PFR1_EL1.SME, bits [27:24]). */
	uint64_t cptr = vhe ? 0x3330000 : 0x22ff;
	if (!vhe && field(pfr0, 32) == 0)
		cptr |= 1ull << 8;
	if (!vhe && field(pfr1, 24) == 0)
		cptr |= 1ull << 12;
	/* E2H switches the EL2 translation regime (EL2 or EL2&0): the TLBs hold the other's entries. */
	__asm__ volatile("msr HCR_EL2, %0\n\tisb\n\tmsr CPTR_EL2, %1\n\tisb\n\ttlbi alle2\n\tdsb sy\n\tisb"
			 :
			 : "r"(hcr), "r"(cptr)
			 : "memory");
	/* CNTHCTL_EL2, in the layout E2H selects: EL1 reaches the physical counter and timer
	 * (CNTPCT_EL0, CNTP_CTL_EL0, CNTP_CVAL_EL0, CNTP_TVAL_EL0) untrapped. E2H = 0: EL1PCTEN
	 * (bit 0) and EL1PCEN (bit 1). E2H = 1: EL1PCTEN (bit 10) and EL1PTEN (bit 11). */
	uint64_t cnthctl = vhe ? (1ull << 10) | (1ull << 11) : 3;
	__asm__ volatile("msr CNTHCTL_EL2, %0\n\tisb" : : "r"(cnthctl) : "memory");
	/* HCRX_EL2, with FEAT_HCX (ID_AA64MMFR1_EL1.HCX, bits [43:40]): TCR2En (bit 14) and
	 * SCTLR2En (bit 15) let EL1 reach TCR2_EL1 and SCTLR2_EL1, GCSEn (bit 22) the GCS registers. */
	if (field(mmfr1, 40) != 0) {
		uint64_t hcrx = (1ull << 14) | (1ull << 15) | (1ull << 22);
		__asm__ volatile("msr S3_4_C1_C2_2, %0\n\tisb" : : "r"(hcrx) : "memory");
	}
	/* HFGRTR_EL2 and HFGWTR_EL2, with FEAT_FGT (ID_AA64MMFR0_EL1.FGT, bits [59:56]): their
	 * trap bits reset to 0 (not trapped) but the negative ones, nACCDATA_EL1 (bit 50) and
	 * nGCS_EL0 ... nAMAIR2_EL1 (bits 63:52, 51 RES0), trap at 0: TPIDR2_EL0, SMPRI_EL1,
	 * PIR_EL1, PIRE0_EL1, POR_EL0/1, MAIR2_EL1, ... Set them (the kernel's el2_setup.h does the
	 * same per feature; QEMU's cpregs.h FIELD(HFGRTR_EL2, N...) lists the positions). */
	if (field(mmfr0, 56) != 0) {
		uint64_t negative = 0xfff4000000000000ull;
		__asm__ volatile("msr S3_4_C1_C1_4, %0\n\tmsr S3_4_C1_C1_5, %0\n\tisb" : : "r"(negative) : "memory");
	}
}

/* Encodings (op0 - 2, op1, CRn, CRm, op2 in 15 bits, as in MRS and MSR) seen UNDEFINED at EL2. */
static uint16_t undefined_encodings[64];
static uint64_t undefined_count;
static int probing;

void el2_set_probing(int on)
{
	probing = on;
}

uint64_t el2_undefined_count(void)
{
	return undefined_count;
}

/* Called by start.S for a synchronous exception at EL2 with x0..x30 in frame: returns 1 when,
 * while probing, it skipped an UNDEFINED MRS or MSR, recording its encoding and advancing
 * ELR_EL2 (an MRS reads 0). Otherwise 0: the run fails. */
int el2_skip_undefined(uint64_t *frame, uint64_t esr, uint64_t elr)
{
	/* ESR_EL2.EC (bits 31:26) 0: unknown reason, which an UNDEFINED system register access gives. */
	if (!probing || (esr >> 26) != 0 || (elr & 3) != 0 ||
	    undefined_count == sizeof undefined_encodings / sizeof undefined_encodings[0])
		return 0;
	uint32_t instruction = *(const volatile uint32_t *)elr;
	/* MRS and MSR (register): 1101010100 L 1 o0 op1 CRn CRm op2 Rt (Arm ARM C6.2). */
	if ((instruction & 0xffd00000u) != 0xd5100000u)
		return 0;
	undefined_encodings[undefined_count++] = (uint16_t)((instruction >> 5) & 0x7fff);
	if (instruction & (1u << 21)) {
		unsigned rt = instruction & 31;
		if (rt != 31)
			frame[rt] = 0;
	}
	__asm__ volatile("msr ELR_EL2, %0" : : "r"(elr + 4));
	return 1;
}

int el2_is_undefined(uint64_t op0, uint64_t op1, uint64_t crn, uint64_t crm, uint64_t op2)
{
	uint16_t encoding = (uint16_t)(((op0 & 1) << 14) | ((op1 & 7) << 11) | ((crn & 15) << 7) |
				       ((crm & 15) << 3) | (op2 & 7));
	/* op1 (bits 13:11 of the 15) = 5: the *_EL12 or *_EL02 form of the register with any op1. */
	uint16_t op1_mask = 7u << 11;
	for (uint64_t i = 0; i < undefined_count; i++) {
		uint16_t recorded = undefined_encodings[i];
		if (recorded == encoding || (op1 == 5 && (recorded & ~op1_mask) == (encoding & ~op1_mask)))
			return 1;
	}
	return 0;
}

uint64_t id_aa64pfr0_el1(void)
{
	uint64_t value;
	__asm__ volatile("mrs %0, ID_AA64PFR0_EL1" : "=r"(value));
	return value;
}

/* A bump allocator over a static heap: the harness allocates a few contexts and never frees much. */
static _Alignas(16) unsigned char heap[1 << 20];
static size_t heap_used;

int posix_memalign(void **result, size_t alignment, size_t size)
{
	if (alignment < 16)
		alignment = 16;
	size_t start = (heap_used + alignment - 1) & ~(alignment - 1);
	if (start + size > sizeof heap) {
		static const char message[] = "out of heap\n";
		for (const char *c = message; *c; c++)
			putchar(*c);
		semihosting_exit(2);
	}
	heap_used = start + size;
	*result = heap + start;
	return 0;
}

void *malloc(size_t size)
{
	void *result;
	posix_memalign(&result, 16, size);
	return result;
}

void free(void *pointer)
{
	(void)pointer;
}

void *memset(void *destination, int value, size_t count)
{
	unsigned char *d = destination;
	while (count--)
		*d++ = (unsigned char)value;
	return destination;
}

void *memcpy(void *destination, const void *source, size_t count)
{
	unsigned char *d = destination;
	const unsigned char *s = source;
	while (count--)
		*d++ = *s++;
	return destination;
}

void *memmove(void *destination, const void *source, size_t count)
{
	unsigned char *d = destination;
	const unsigned char *s = source;
	if (d < s) {
		while (count--)
			*d++ = *s++;
	} else {
		while (count--)
			d[count] = s[count];
	}
	return destination;
}

extern const struct register_entry __start_guest_registers[], __stop_guest_registers[];
extern const struct register_entry __start_el2_registers[], __stop_el2_registers[];
extern char guest_entry[];

const struct register_entry *guest_registers(uint64_t *count)
{
	*count = (uint64_t)(__stop_guest_registers - __start_guest_registers);
	return __start_guest_registers;
}

const struct register_entry *el2_registers(uint64_t *count)
{
	*count = (uint64_t)(__stop_el2_registers - __start_el2_registers);
	return __start_el2_registers;
}

extern const struct aarch32_entry __start_aarch32_registers[], __stop_aarch32_registers[];
extern char a32_guest[];

const struct aarch32_entry *aarch32_registers(uint64_t *count)
{
	*count = (uint64_t)(__stop_aarch32_registers - __start_aarch32_registers);
	return __start_aarch32_registers;
}

uint64_t aarch32_guest_address(void)
{
	return (uint64_t)a32_guest;
}

void set_el1_aarch32(int aarch32)
{
	uint64_t hcr;
	__asm__ volatile("mrs %0, HCR_EL2" : "=r"(hcr));
	hcr = aarch32 ? hcr & ~(1ull << 31) : hcr | (1ull << 31);
	__asm__ volatile("msr HCR_EL2, %0\n\tisb" : : "r"(hcr) : "memory");
}

uint64_t guest_entry_address(void)
{
	return (uint64_t)guest_entry;
}

struct mailbox *the_mailbox(void)
{
	static struct mailbox mailbox;
	return &mailbox;
}

uint64_t mailbox_seen(uint64_t index)
{
	return index < MAILBOX_SLOTS ? the_mailbox()->seen[index] : 0;
}

uint64_t mailbox_held(uint64_t index)
{
	return index < MAILBOX_SLOTS ? the_mailbox()->held[index] : 0;
}

void mailbox_set_value(uint64_t index, uint64_t value)
{
	if (index < MAILBOX_SLOTS)
		the_mailbox()->values[index] = value;
}

/* Hashing seeds for the standard library: fixed, the check needs no randomness. */
void arc4random_buf(void *buffer, size_t count)
{
	memset(buffer, 0x5a, count);
}

static void put_string(const char *text)
{
	while (*text)
		putchar(*text++);
}

static void put_hex(uint64_t value)
{
	put_string("0x");
	for (int shift = 60; shift >= 0; shift -= 4)
		putchar("0123456789abcdef"[(value >> shift) & 15]);
}

/* An exception taken to EL2 from EL2, or an unexpected one from the guest: a failed run. */
void el2_unexpected(uint64_t esr, uint64_t elr, uint64_t far, uint64_t kind)
{
	put_string(kind ? "FAIL: unexpected exception from EL1: ESR_EL2 " : "FAIL: exception at EL2: ESR_EL2 ");
	put_hex(esr);
	put_string(" ELR_EL2 ");
	put_hex(elr);
	put_string(" FAR_EL2 ");
	put_hex(far);
	put_string("\n");
	semihosting_exit(3);
}
