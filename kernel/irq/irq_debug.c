/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>

#include "kernel/console.h"
#include "kernel/irq/irq_cpu.h"
#include "kernel/irq/irq_debug.h"
#include "kernel/irq/irq_desc.h"

#define IRQ_DEBUG_LINE 256

/* snprintf that keeps *pos within size, so callers can chain appends. */
static void irq_debug_append(char *buf, size_t size, size_t *pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void irq_debug_append(char *buf, size_t size, size_t *pos, const char *fmt, ...)
{
	if (*pos >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf + *pos, size - *pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		*pos = *pos + (size_t)n < size ? *pos + (size_t)n : size - 1;
}

int irq_debug_format_chain(const struct irq_data *top, char *buf, size_t size)
{
	size_t pos = 0;
	char level[64];

	if (!size)
		return 0;
	buf[0] = '\0';
	for (const struct irq_data *d = top; d; d = d->parent_data) {
		const struct irq_domain_ops *ops = d->domain->ops;
		if (!ops->show || ops->show(d, level, sizeof(level)) < 0)
			snprintf(level, sizeof(level), "hwirq %u", d->hwirq.v);
		irq_debug_append(buf, size, &pos, "%s%s[%s]", d == top ? "" : " -> ",
				 d->domain->name, level);
	}
	return (int)pos;
}

static void irq_debug_show_domain(const struct irq_domain *d, unsigned indent)
{
	kprintf("# irq domain %*s%s kind=%s parent=%s irqs=%u\n", (int)(2 * indent), "", d->name,
		irq_domain_kind_name(d->kind), d->parent ? d->parent->name : "-", d->irq_count);
	for (const struct irq_domain *c = irq_domain_first(); c; c = c->next)
		if (c->parent == d)
			irq_debug_show_domain(c, indent + 1);
}

static void irq_debug_show_state(const struct irq_desc *desc, char *buf, size_t size)
{
	size_t pos = 0;
	irq_debug_append(buf, size, &pos, "%s%s",
			 desc->state & IRQ_STATE_ACTIVATED ? "active" : "inactive",
			 desc->state & IRQ_STATE_MASKED ? ",masked" : "");
	if (irq_cpu_valid(desc->affinity))
		irq_debug_append(buf, size, &pos, " cpu=%u", desc->affinity.v);
	if (desc->msg_valid)
		irq_debug_append(buf, size, &pos, " msg=%08x:%08x/%08x", desc->msg.address_hi,
				 desc->msg.address_lo, desc->msg.data);
}

static void irq_debug_show_counts(const struct irq_desc *desc, char *buf, size_t size)
{
	size_t pos = 0;
	uint64_t total = 0;
	for (uint32_t c = 0; c < IRQ_MAX_CPUS; c++) {
		if (!desc->count[c])
			continue;
		irq_debug_append(buf, size, &pos, " cpu%u=%llu", c,
				 (unsigned long long)desc->count[c]);
		total += desc->count[c];
	}
	if (!total)
		irq_debug_append(buf, size, &pos, " none");
}

static void irq_debug_show_irqs(void)
{
	char chain[IRQ_DEBUG_LINE], state[IRQ_DEBUG_LINE], counts[IRQ_DEBUG_LINE];

	for (uint32_t v = 1; v < IRQ_NR_VIRQS; v++) {
		const struct irq_desc *desc = irq_desc_get(VIRQ(v));
		if (!desc)
			continue;
		irq_debug_format_chain(desc->top, chain, sizeof(chain));
		irq_debug_show_state(desc, state, sizeof(state));
		irq_debug_show_counts(desc, counts, sizeof(counts));
		kprintf("# irq virq %u: %s\n", v, chain);
		kprintf("# irq virq %u: %s counts:%s\n", v, state, counts);
	}
}

/* Online CPUs, and offline ones that still saw something. */
static void irq_debug_show_cpus(void)
{
	irq_cpumask_t online = irq_cpu_online_mask();
	uint64_t unexpected = 0, spurious = 0;
	for (uint32_t c = 0; c < IRQ_MAX_CPUS; c++) {
		const struct irq_cpu_stats *s = irq_desc_cpu_stats(IRQ_CPU(c));
		unexpected += s->unexpected;
		spurious += s->spurious;
		if (!irq_cpumask_test(online, IRQ_CPU(c)) && !s->unexpected && !s->spurious)
			continue;
		kprintf("# irq cpu %u: unexpected=%llu spurious=%llu\n", c,
			(unsigned long long)s->unexpected, (unsigned long long)s->spurious);
	}
	kprintf("# irq total: unexpected=%llu spurious=%llu\n", (unsigned long long)unexpected,
		(unsigned long long)spurious);
}

/*
 * kprintf under the core lock: slow on a serial port, but the view is taken
 * at report time, and it must not see a chain half-built by another CPU.
 */
void irq_debug_show(void)
{
	unsigned long flags = irq_lock();
	for (const struct irq_domain *d = irq_domain_first(); d; d = d->next)
		if (!d->parent)
			irq_debug_show_domain(d, 0);
	irq_debug_show_irqs();
	irq_debug_show_cpus();
	kprintf("# irq pool: %u/%u chain entries free\n", irq_desc_pool_available(),
		IRQ_DATA_POOL_SIZE);
	irq_unlock(flags);
}
