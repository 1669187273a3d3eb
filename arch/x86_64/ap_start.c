/* SPDX-License-Identifier: MIT */
/*
 * Starting one application processor: the trampoline (ap_boot.asm) copied
 * below 1 MiB, then INIT-SIPI-SIPI with the SDM's delays (Vol. 3A §8.4.4.1:
 * INIT, 10 ms, SIPI, 200 us, SIPI, 200 us), measured on the calibrated
 * counter. The AP enters x86_ap_entry on its own stack; the BSP waits for
 * it to mark itself online, up to a deadline, and INITs it back to
 * wait-for-SIPI if it never does.
 */
#include <string.h>

#include "arch/hooks.h"
#include "arch/x86_64/ap_start.h"
#include "arch/x86_64/lapic.h"
#include "kernel/errno.h"
#include "kernel/time.h"

extern const uint8_t x86_ap_trampoline[], x86_ap_trampoline_end[];
extern const uint8_t x86_ap_tr_gdt_ptr[], x86_ap_tr_pm32_ptr[], x86_ap_tr_lm64_ptr[];
extern const uint8_t x86_ap_tr_cr3[], x86_ap_tr_stack[], x86_ap_tr_arg[], x86_ap_tr_entry[];

#define INIT_DELAY_US 10000
#define SIPI_DELAY_US 200

static uint8_t *trampoline; /* the copy below 1 MiB */

static void *tr_field(const uint8_t *sym)
{
	return trampoline + (sym - x86_ap_trampoline);
}

static void delay_us(uint64_t us)
{
	deadline_t d = deadline_in_us(us);
	while (!deadline_passed(d))
		arch_cpu_relax();
}

int x86_ap_trampoline_install(uint64_t low_page)
{
	size_t size = (size_t)(x86_ap_trampoline_end - x86_ap_trampoline);
	if (!low_page || low_page >= 0x100000 || (low_page & 0xfff) || size > 4096)
		return -EINVAL;
	uint64_t root = arch_mmu_root();
	if (root >> 32)
		return -ERANGE; /* CR3 is loaded from 32-bit code */
	trampoline = (uint8_t *)(uintptr_t)low_page;
	memcpy(trampoline, x86_ap_trampoline, size);
	uint32_t base = (uint32_t)low_page;
	/* The pointers hold offsets into the page: add the copy's linear base. */
	*(uint32_t *)tr_field(x86_ap_tr_gdt_ptr + 2) += base;
	*(uint32_t *)tr_field(x86_ap_tr_pm32_ptr) += base;
	*(uint32_t *)tr_field(x86_ap_tr_lm64_ptr) += base;
	*(uint64_t *)tr_field(x86_ap_tr_cr3) = root;
	*(uint64_t *)tr_field(x86_ap_tr_entry) = (uint64_t)(uintptr_t)x86_ap_entry;
	return 0;
}

int x86_ap_start(struct x86_percpu *pc, uint64_t timeout_us)
{
	if (!trampoline)
		return -EINVAL;
	*(volatile uint64_t *)tr_field(x86_ap_tr_stack) = pc->stack_top;
	*(volatile uint64_t *)tr_field(x86_ap_tr_arg) = (uint64_t)(uintptr_t)pc;
	arch_mb();

	uint32_t sipi = LAPIC_DM_STARTUP | (uint32_t)((uintptr_t)trampoline >> 12);
	int err = lapic_send_ipi(pc->apic_id, LAPIC_DM_INIT | LAPIC_ICR_ASSERT | LAPIC_ICR_LEVEL);
	if (err)
		return err;
	delay_us(INIT_DELAY_US);
	for (int i = 0; i < 2 && !pc->online; i++) {
		err = lapic_send_ipi(pc->apic_id, sipi);
		if (err)
			return err;
		delay_us(SIPI_DELAY_US);
	}
	deadline_t d = deadline_in_us(timeout_us);
	while (!__atomic_load_n(&pc->online, __ATOMIC_ACQUIRE)) {
		if (deadline_passed(d)) {
			/* Back to wait-for-SIPI: it must not wake later on a reused stack. */
			lapic_send_ipi(pc->apic_id,
				       LAPIC_DM_INIT | LAPIC_ICR_ASSERT | LAPIC_ICR_LEVEL);
			return -ETIMEDOUT;
		}
		arch_cpu_relax();
	}
	return 0;
}
