/* SPDX-License-Identifier: MIT */
/*
 * CPUs and interrupt delivery on x86: the boot CPU's local APIC, the vector
 * domain, every enabled CPU of the MADT started with INIT-SIPI-SIPI
 * (ap_start.c), and the IPI that wakes a CPU for its call. The online mask,
 * the count, the calls and the irq core's CPU operations are kernel/smp.c's.
 */
#include <string.h>

#include "arch/hooks.h"
#include "arch/x86_64/ap_start.h"
#include "arch/x86_64/apic_map.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/vector_domain.h"
#include "drivers/acpi/acpi_madt.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/kernel.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/report.h"
#include "kernel/smp.h"
#include "kernel/time.h"

#define AP_STACK_PAGES 4
#define AP_IST_PAGES   4
#define AP_START_US    500000 /* per CPU, after the SIPIs */
#define RFLAGS_IF      (1ul << 9)

static struct x86_apic_map cpu_map;
static uint64_t smp_start_max_us; /* the slowest AP, SIPIs to online */
static struct x86_vector_domain vector_domain;
static bool vector_domain_ready;

/* --- the AP side ---------------------------------------------------------- */

void x86_ap_entry(struct x86_percpu *pc)
{
	x86_percpu_activate(pc);
	x86_gdt_init_cpu(pc, pc->tss.ist[0]);
	x86_idt_load();
	lapic_init();
	pc->apic_id = lapic_id();
	smp_cpu_set_online(pc->index);
	__atomic_store_n(&pc->online, 1, __ATOMIC_RELEASE);
	for (;;) {
		cli();
		if (smp_call_run(pc->index))
			continue;
		/* STI's one-instruction shadow: no wake-up lost before HLT (SDM Vol. 2B, STI). */
		__asm__ volatile("sti; hlt" ::: "memory");
	}
}

/* --- bring-up ------------------------------------------------------------- */

/* Start the CPU with apic_id as the next logical index: true when it came up. */
static bool smp_start_one(uint32_t apic_id)
{
	unsigned index = cpu_map.count;
	struct x86_percpu *pc = x86_percpu_of(index);
	if (!pc) {
		kprintf("# smp: APIC ID %u left out: more than %u CPUs\n", apic_id, IRQ_MAX_CPUS);
		return false;
	}
	if (!pc->stack_top) {
		uint64_t stack = page_alloc(AP_STACK_PAGES), ist = page_alloc(AP_IST_PAGES);
		if (!stack || !ist) {
			kprintf("# smp: APIC ID %u left out: no memory for its stacks\n", apic_id);
			return false;
		}
		pc->stack_top = stack + AP_STACK_PAGES * PAGE_SIZE;
		pc->tss.ist[0] = ist + AP_IST_PAGES * PAGE_SIZE;
	}
	pc->index = index;
	pc->apic_id = apic_id;
	pc->online = 0;
	uint64_t t0 = arch_counter_read();
	int err = x86_ap_start(pc, AP_START_US);
	if (err) {
		kprintf("# smp: APIC ID %u did not come up within %u ms (%d); left out\n", apic_id,
			AP_START_US / 1000, err);
		return false;
	}
	if (pc->apic_id != apic_id)
		kprintf("# smp: CPU %u reports APIC ID %u, the MADT says %u\n", index, pc->apic_id,
			apic_id);
	x86_apic_map_add(&cpu_map, apic_id);
	uint64_t us = time_ticks_to_us(arch_counter_read() - t0);
	if (us > smp_start_max_us)
		smp_start_max_us = us;
	kprintf("# smp: CPU %u (APIC ID %u) online in %llu us\n", index, apic_id,
		(unsigned long long)us);
	return true;
}

unsigned arch_smp_init(const struct acpi_tables *t, bool x2apic_allowed, uint32_t apic_id_limit)
{
	struct x86_percpu *bsp = x86_this_cpu();
	x86_pic_mask_all();
	lapic_allow_x2apic(x2apic_allowed);
	lapic_init();
	bsp->apic_id = lapic_id();
	bsp->online = 1;
	x86_apic_map_init(&cpu_map);
	x86_apic_map_add(&cpu_map, bsp->apic_id);
	smp_boot_cpu_init();

	bool ext_dest = x86_hv_msi_ext_dest_id();
	int err = x86_vector_domain_create(&vector_domain, &cpu_map, ext_dest);
	if (err)
		kprintf("# smp: vector domain: %d\n", err);
	vector_domain_ready = !err;
	fact("apic.mode", "%s", lapic_is_x2apic() ? "x2apic" : "xapic");
	fact("apic.bsp_id", "%u", bsp->apic_id);
	fact("msi.ext_dest_id", "%u", ext_dest ? 1 : 0);

	struct acpi_madt *madt = smp_madt_read(t);
	uint32_t ids[IRQ_MAX_CPUS];
	unsigned n = madt ? x86_madt_cpus(madt, bsp->apic_id, ids, IRQ_MAX_CPUS) : 0;
	smp_madt_free(madt);
	fact("cpu.madt_enabled", "%u", n);
	if (n > IRQ_MAX_CPUS)
		kprintf("# smp: the MADT lists %u CPUs; only %u are started\n", n, IRQ_MAX_CPUS);

	const struct boot_info *bi = kernel_boot_info();
	err = n > 1 ? x86_ap_trampoline_install(bi ? bi->low_page : 0) : 0;
	if (err) {
		kprintf("# smp: no AP trampoline (%d): one CPU\n", err);
		n = 0;
	}
	for (unsigned i = 0; i < n && i < IRQ_MAX_CPUS; i++) {
		if (ids[i] == bsp->apic_id)
			continue;
		/* Linux's x2apic_set_max_apicid: its interrupts could not reach it. */
		if (ids[i] > apic_id_limit)
			kprintf("# smp: APIC ID %u left out: above %u, the policy's limit for "
				"interrupt destinations\n",
				ids[i], apic_id_limit);
		else
			smp_start_one(ids[i]);
	}
	smp_cpu_count_set(cpu_map.count);
	fact("smp.ap_start_max_us", "%llu (limit %u)", (unsigned long long)smp_start_max_us,
	     AP_START_US);
	return cpu_map.count;
}

/* --- hooks ---------------------------------------------------------------- */

unsigned arch_cpu_count(void)
{
	return smp_cpu_count();
}

unsigned arch_cpu_current(void)
{
	return x86_this_cpu()->index;
}

uint64_t arch_cpu_hw_id(void)
{
	return lapic_id();
}

int arch_cpu_kick(unsigned cpu)
{
	struct x86_percpu *pc = x86_percpu_of(cpu);
	if (!pc)
		return -EINVAL;
	return lapic_send_ipi(pc->apic_id, LAPIC_DM_FIXED | LAPIC_ICR_ASSERT | LAPIC_VEC_CALL);
}

int arch_cpu_call(unsigned cpu, void (*fn)(void *), void *arg, uint64_t timeout_us)
{
	return smp_call(cpu, fn, arg, timeout_us);
}

int arch_irq_send_ipi(unsigned cpu, uint32_t hwirq)
{
	if (!smp_cpu_online(cpu) || hwirq < X86_VECTOR_FIRST || hwirq >= X86_VECTOR_END)
		return -EINVAL;
	return lapic_send_ipi(x86_percpu_of(cpu)->apic_id,
			      LAPIC_DM_FIXED | LAPIC_ICR_ASSERT | hwirq);
}

void arch_irq_enable(void)
{
	sti();
}

void arch_irq_disable(void)
{
	cli();
}

unsigned long arch_irq_save(void)
{
	unsigned long flags;
	__asm__ volatile("pushfq; pop %0; cli" : "=r"(flags)::"memory");
	return flags;
}

void arch_irq_restore(unsigned long flags)
{
	if (flags & RFLAGS_IF)
		sti();
}

void arch_irq_wait(void)
{
	/* STI delays interrupts by one instruction: none is taken before HLT (SDM Vol. 2B, STI). */
	__asm__ volatile("sti; hlt; cli" ::: "memory");
}

void arch_sleep_until(uint64_t counter_deadline)
{
	uint64_t now = arch_counter_read();
	if ((int64_t)(counter_deadline - now) <= 0)
		return;
	uint32_t tpr = lapic_tpr_raise(LAPIC_TPR_ARCH_ONLY);
	lapic_timer_arm(counter_deadline - now);
	uint64_t flags;
	/* STI delays interrupts by one instruction: the wake-up cannot be taken before HLT. */
	__asm__ volatile("pushfq; pop %0; sti; hlt; push %0; popfq" : "=&r"(flags) : : "memory");
	lapic_timer_disarm();
	lapic_tpr_restore(tpr);
}

struct irq_domain *arch_irq_domain(void)
{
	return vector_domain_ready ? &vector_domain.domain : 0;
}

struct irq_matrix *arch_irq_matrix(void)
{
	return vector_domain_ready ? &vector_domain.matrix : 0;
}

/* No wired domain yet: the GSIVs belong to the I/O APIC, which doorbell does not drive. */
struct irq_domain *arch_wired_irq_domain(void)
{
	return 0;
}

int arch_wired_irq_raise(uint32_t gsiv)
{
	(void)gsiv;
	return -EOPNOTSUPP;
}

int arch_wired_irq_hw(uint32_t gsiv, struct arch_wired_irq_hw *hw)
{
	(void)gsiv;
	(void)hw;
	return -EOPNOTSUPP;
}
