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

void set_host_mode(int vhe)
{
	/* HCR_EL2: RW (bit 31) EL1 is AArch64, E2H (bit 34) for VHE; TGE stays 0 so that EL1 runs. */
	uint64_t hcr = (1ull << 31) | (vhe ? (1ull << 34) : 0);
	/* CPTR_EL2: FPEN = 0b11 (bits 21:20) in the E2H = 1 (CPACR) layout; TFP (bit 10) = 0 with the
	 * RES1 bits 13:12 and 9:0 of the E2H = 0 layout. Each layout ignores the other's bits. */
	uint64_t cptr = 0x3033FF;
	/* E2H switches the EL2 translation regime (EL2 or EL2&0): the TLBs hold the other's entries. */
	__asm__ volatile("msr HCR_EL2, %0\n\tisb\n\tmsr CPTR_EL2, %1\n\tisb\n\ttlbi alle2\n\tdsb sy\n\tisb"
			 :
			 : "r"(hcr), "r"(cptr)
			 : "memory");
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
