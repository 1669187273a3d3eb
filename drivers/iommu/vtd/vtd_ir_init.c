/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_ir_init.h"

#include <stdio.h>

#include "arch/hooks.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/platform.h"
#include "kernel/report.h"

static struct vtd_ir vtd_ir0;
static struct vtd_ir_domain vtd_ir0_domain;
static struct vtd_fault_domain vtd_fault0;
static bool vtd_fault_up;
static char vtd_fault_reason[96];
static bool vtd_ir_up;
static bool vtd_ir_tried;
static char vtd_ir_reason[160];

void vtd_ir_init(void)
{
	struct platform *plat = platform_get();
	vtd_ir_tried = true;
	if (plat->policy.intremap != POLICY_ON) {
		snprintf(vtd_ir_reason, sizeof(vtd_ir_reason), "policy: %s",
			 plat->policy.intremap_reason);
		return;
	}
	if (!plat->parsed.has_dmar || !plat->parsed.dmar.drhd_count) {
		snprintf(vtd_ir_reason, sizeof(vtd_ir_reason), "no DRHD unit");
		return;
	}
	struct irq_domain *parent = arch_irq_domain();
	if (!parent) {
		snprintf(vtd_ir_reason, sizeof(vtd_ir_reason), "no vector domain");
		return;
	}
	uint64_t base = plat->parsed.dmar.drhd[0].reg_base;
	bool eime = plat->policy.x2apic == POLICY_ON;
	/* No policy allows compatibility format: CFI stays clear (blocked). */
	const char *what;
	int err = vtd_ir_enable(&vtd_ir0, base, VTD_IR_INIT_ENTRIES, eime, false, &what);
	if (!err) {
		what = "remap domain";
		err = vtd_ir_domain_create(&vtd_ir0_domain, &vtd_ir0, parent);
	}
	if (err) {
		snprintf(vtd_ir_reason, sizeof(vtd_ir_reason), "unit 0x%llx: %s failed: %s",
			 (unsigned long long)base, what, errno_name(err));
		kprintf("# vtd: %s; interrupt remapping left off\n", vtd_ir_reason);
		finding_add(&plat->findings, FINDING_ERROR, "VTD0", FINDING_NO_OFFSET,
			    "interrupt remapping: %s failed (%s)", what, errno_name(err));
		return;
	}
	vtd_ir_up = true;
	/* The unit's fault event: its own domain on the vector domain, never remapped. */
	err = vtd_fault_irq_setup(&vtd_fault0, &vtd_ir0.unit, parent, 0);
	if (err) {
		snprintf(vtd_fault_reason, sizeof(vtd_fault_reason), "fault event interrupt: %s",
			 errno_name(err));
		kprintf("# vtd: unit 0x%llx: %s; faults are only polled\n",
			(unsigned long long)base, vtd_fault_reason);
		return;
	}
	vtd_fault_up = true;
}

void vtd_ir_report(void)
{
	if (!vtd_ir_tried)
		return;
	fact("vtd.ir", "%s", vtd_ir_up ? "on" : "off");
	if (!vtd_ir_up) {
		fact("vtd.ir_reason", "%s", vtd_ir_reason);
		return;
	}
	fact("vtd.qi", "on");
	fact("vtd.irta", "0x%llx", (unsigned long long)vtd_ir0.irta);
	fact("vtd.irte_count", "%u", vtd_ir0.count);
	fact("vtd.eime", "%u", vtd_ir0.eime ? 1 : 0);
	fact("vtd.cfi", "%s", vtd_ir0.cfi ? "allowed" : "blocked");
	fact("vtd.fault_irq", "%s", vtd_fault_up ? "on" : "off");
	if (!vtd_fault_up)
		fact("vtd.fault_irq_reason", "%s", vtd_fault_reason);
}

struct irq_domain *vtd_ir_domain_get(void)
{
	return vtd_ir_up ? &vtd_ir0_domain.domain : 0;
}

struct vtd_ir_domain *vtd_ir_domain_state(void)
{
	return vtd_ir_up ? &vtd_ir0_domain : 0;
}

const char *vtd_ir_off_reason(void)
{
	return vtd_ir_up ? "" : vtd_ir_reason;
}

struct vtd_fault_domain *vtd_fault_domain_state(void)
{
	return vtd_fault_up ? &vtd_fault0 : 0;
}
