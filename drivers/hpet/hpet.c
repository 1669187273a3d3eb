/* SPDX-License-Identifier: MIT */
#include "drivers/hpet/hpet.h"

#include <string.h>

#include "drivers/acpi/acpi_hpet.h"
#include "drivers/hpet/hpet_regs.h"
#include "kernel/errno.h"
#include "kernel/irq/irq_types.h"
#include "kernel/platform.h"

/* 32-bit accesses only: every HPET takes them (§2.3: 32- or 64-bit). */
static uint32_t hpet_read32(const struct hpet *h, unsigned off)
{
	return *(volatile uint32_t *)(uintptr_t)(h->base + off);
}

static void hpet_write32(const struct hpet *h, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(h->base + off) = v;
}

static uint64_t hpet_read64(const struct hpet *h, unsigned off)
{
	return (uint64_t)hpet_read32(h, off + 4) << 32 | hpet_read32(h, off);
}

static void hpet_write64(const struct hpet *h, unsigned off, uint64_t v)
{
	hpet_write32(h, off, (uint32_t)v);
	hpet_write32(h, off + 4, (uint32_t)(v >> 32));
}

int hpet_init(struct hpet *h, const char **why)
{
	memset(h, 0, sizeof(*h));
	struct platform *plat = platform_get();
	const struct acpi_table *t = plat->have_acpi ? acpi_table_find(&plat->acpi, "HPET", 0) : 0;
	if (!t) {
		*why = "no ACPI HPET table";
		return -ENODEV;
	}
	struct acpi_hpet at;
	struct findings scratch;
	findings_init(&scratch);
	if (acpi_hpet_parse(t->data, t->length, &at, &scratch) || at.space_id || !at.base) {
		*why = "the ACPI HPET table gives no usable base address";
		return -ENODEV;
	}
	h->base = at.base;
	h->number = at.number;
	h->cap = hpet_read64(h, HPET_GCAP_ID);
	h->period_fs = HPET_GCAP_PERIOD(h->cap);
	/* §2.3.4: a period of 0 or above 100 ns (10^8 fs) is not an HPET. */
	if (h->cap == ~0ull || !h->period_fs || h->period_fs > 100000000u) {
		*why = "no HPET answers at the table's base address";
		return -ENODEV;
	}
	h->timers = HPET_GCAP_NUM_TIM(h->cap);
	/* Halted, every timer's interrupt off, the counter from 0 (writable while halted, §2.3.7). */
	hpet_write32(h, HPET_GEN_CONF, 0);
	for (unsigned n = 0; n < h->timers; n++)
		hpet_timer_stop(h, n);
	hpet_write64(h, HPET_MAIN_CNT, 0);
	hpet_write32(h, HPET_GEN_CONF, (uint32_t)HPET_CONF_ENABLE);
	return 0;
}

uint64_t hpet_timer_caps(const struct hpet *h, unsigned n)
{
	return n < h->timers ? hpet_read64(h, HPET_TN_CONF(n)) : 0;
}

int hpet_timer_route(struct hpet *h, unsigned n, unsigned route, bool level)
{
	uint64_t c = hpet_timer_caps(h, n);
	if (n >= h->timers || route >= 32 || !(HPET_TN_ROUTE_CAP(c) & (1u << route)))
		return -EINVAL;
	uint32_t conf =
		(uint32_t)c &
		~(uint32_t)(HPET_TN_LEVEL | HPET_TN_INT_ENB | HPET_TN_PERIODIC | HPET_TN_VAL_SET |
			    HPET_TN_32MODE | HPET_TN_ROUTE_MASK | HPET_TN_FSB_EN);
	conf |= (uint32_t)route << HPET_TN_ROUTE_SHIFT;
	if (level)
		conf |= (uint32_t)HPET_TN_LEVEL;
	if (!(c & HPET_TN_SIZE_CAP))
		conf |= (uint32_t)HPET_TN_32MODE;
	/* The comparator's high dword stays 0: arms write the low dword only. */
	hpet_write32(h, HPET_TN_CONF(n), conf);
	hpet_write32(h, HPET_TN_CMP(n) + 4, 0);
	hpet_write32(h, HPET_TN_CMP(n), 0xffffffffu);
	hpet_write32(h, HPET_TN_CONF(n), conf | (uint32_t)HPET_TN_INT_ENB);
	return 0;
}

void hpet_timer_fsb(struct hpet *h, unsigned n, const struct msi_msg *msg, bool open)
{
	uint32_t conf = hpet_read32(h, HPET_TN_CONF(n));
	conf &= ~(uint32_t)(HPET_TN_LEVEL | HPET_TN_INT_ENB | HPET_TN_PERIODIC | HPET_TN_VAL_SET |
			    HPET_TN_FSB_EN);
	if (!(hpet_timer_caps(h, n) & HPET_TN_SIZE_CAP))
		conf |= (uint32_t)HPET_TN_32MODE;
	/* Closed while the route changes: no message half old, half new. */
	hpet_write32(h, HPET_TN_CONF(n), conf);
	if (!open)
		return;
	hpet_write32(h, HPET_TN_FSB(n), msg->data);
	hpet_write32(h, HPET_TN_FSB(n) + 4, msg->address_lo);
	hpet_write32(h, HPET_TN_CMP(n) + 4, 0);
	hpet_write32(h, HPET_TN_CMP(n), 0xffffffffu);
	hpet_write32(h, HPET_TN_CONF(n), conf | (uint32_t)(HPET_TN_FSB_EN | HPET_TN_INT_ENB));
}

void hpet_timer_arm(struct hpet *h, unsigned n, uint64_t us)
{
	uint64_t ticks = us * 1000000000ull / h->period_fs;
	uint32_t now = hpet_read32(h, HPET_MAIN_CNT);
	hpet_write32(h, HPET_TN_CMP(n), now + (uint32_t)(ticks ? ticks : 1));
}

void hpet_timer_stop(struct hpet *h, unsigned n)
{
	uint32_t conf = hpet_read32(h, HPET_TN_CONF(n));
	hpet_write32(h, HPET_TN_CONF(n), conf & ~(uint32_t)(HPET_TN_INT_ENB | HPET_TN_FSB_EN));
	hpet_timer_ack(h, n);
}

void hpet_timer_ack(struct hpet *h, unsigned n)
{
	hpet_write32(h, HPET_GINTR_STA, 1u << n);
}

bool hpet_timer_pending(const struct hpet *h, unsigned n)
{
	return hpet_read32(h, HPET_GINTR_STA) & (1u << n);
}
