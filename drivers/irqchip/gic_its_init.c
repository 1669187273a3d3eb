/* SPDX-License-Identifier: MIT */
#include "drivers/irqchip/gic_its_init.h"

#include <stdio.h>
#include <string.h>

#include "arch/hooks.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/platform.h"
#include "kernel/report.h"
#include "kernel/time.h"

static struct gic_its its0;
static struct gic_its_domain its0_domain;
static bool its_up;
static bool its_tried;
static char its_reason[160];

void gic_its_init(void)
{
	struct platform *plat = platform_get();
	its_tried = true;
	if (plat->policy.intremap != POLICY_ON) {
		snprintf(its_reason, sizeof(its_reason), "policy: %s",
			 plat->policy.intremap_reason);
		return;
	}
	if (!plat->parsed.has_madt || !plat->parsed.madt.its_count) {
		snprintf(its_reason, sizeof(its_reason), "no ITS in the MADT");
		return;
	}
	struct irq_domain *parent = arch_irq_domain();
	if (!parent) {
		snprintf(its_reason, sizeof(its_reason), "no LPI domain");
		return;
	}
	uint64_t base = plat->parsed.madt.its[0].base;
	/* its_table=flat: a one-level device table even where two levels would be chosen. */
	bool flat = !strcmp(config_get_or("its_table", "auto"), "flat");
	const char *what = "bring-up";
	uint64_t t0 = arch_counter_read();
	int err = gic_its_unit_init(&its0, base, flat);
	if (!err) {
		what = "remap domain";
		err = gic_its_domain_create(&its0_domain, &its0, parent);
	}
	if (err) {
		snprintf(its_reason, sizeof(its_reason), "ITS 0x%llx: %s failed: %s",
			 (unsigned long long)base, what, errno_name(err));
		kprintf("# its: %s; the ITS is left off\n", its_reason);
		finding_add(&plat->findings, FINDING_ERROR, "ITS0", FINDING_NO_OFFSET,
			    "GIC ITS: %s failed (%s)", what, errno_name(err));
		return;
	}
	fact("its.init_us", "%llu", (unsigned long long)time_ticks_to_us(arch_counter_read() - t0));
	its_up = true;
}

static const char *its_table_kind(const struct gic_its_table *t)
{
	return !t->phys ? "none" : t->indirect ? "two-level" : "flat";
}

void gic_its_report(void)
{
	if (!its_tried)
		return;
	fact("its.on", "%s", its_up ? "on" : "off");
	if (!its_up) {
		fact("its.off_reason", "%s", its_reason);
		return;
	}
	const struct gic_its *i = &its0;
	fact("its.base", "0x%llx", (unsigned long long)i->base);
	fact("its.translater", "0x%llx", (unsigned long long)gic_its_translater(i));
	fact("its.typer", "0x%llx", (unsigned long long)i->typer);
	fact("its.pta", "%u", i->pta ? 1 : 0);
	fact("its.dev_bits", "%u", i->dev_bits);
	fact("its.event_bits", "%u", i->id_bits);
	fact("its.itt_entry_size", "%u", i->itt_entry);
	fact("its.device_table", "%s", its_table_kind(&i->dt));
	fact("its.device_table_baser", "0x%llx", (unsigned long long)i->dt.value);
	fact("its.device_table_page", "%u", i->dt.page_size);
	fact("its.device_table_entry", "%u", i->dt.entry_size);
	fact("its.collection_table", "%s", its_table_kind(&i->ct));
	fact("its.collections", "%u", i->collections);
	fact("its.clean", "%u", i->clean ? 1 : 0);
	fact("its.cmdq_bytes", "%u", i->cq_size);
}

struct irq_domain *gic_its_domain_get(void)
{
	return its_up ? &its0_domain.domain : 0;
}

struct gic_its_domain *gic_its_domain_state(void)
{
	return its_up ? &its0_domain : 0;
}

const char *gic_its_absent_reason(void)
{
	return its_up ? "" : its_reason;
}
