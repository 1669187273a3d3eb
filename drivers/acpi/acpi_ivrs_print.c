/* SPDX-License-Identifier: MIT */
/* The IVRS's `# fact ivrs.*` lines (AMD IOMMU spec §5.2). */
#include "drivers/acpi/acpi_print.h"
#include "kernel/console.h"

#define FACT "# fact "

/* "<handle>@<seg>:<bus>:<dev>.<fn>" for each special entry of variety, or "none". */
static void acpi_print_ivrs_specials(const struct acpi_ivrs *v, const char *key, uint8_t variety)
{
	kprintf(FACT "ivrs.%s=", key);
	unsigned n = 0;
	for (unsigned i = 0; i < v->special_count; i++) {
		const struct acpi_ivrs_special *s = &v->special[i];
		if (!v->ivhd[s->ivhd].used || s->variety != variety)
			continue;
		kprintf("%s%u@%04x:%02x:%02x.%u", n++ ? "," : "", s->handle, s->segment,
			s->bdf >> 8, (s->bdf >> 3) & 31, s->bdf & 7);
	}
	kputs(n ? "\n" : "none\n");
}

void acpi_print_ivrs(const struct acpi_platform *p)
{
	const struct acpi_ivrs *v = &p->ivrs;
	kprintf(FACT "ivrs.present=%u\n", p->has_ivrs);
	if (!p->has_ivrs) {
		kprintf(FACT "ivrs.ivhd_count=none\n");
		return;
	}
	kprintf(FACT "ivrs.ivhd_count=%u\n", v->ivhd_count);
	kprintf(FACT "ivrs.ivhd_type=0x%02x\n", v->target_type);
	kprintf(FACT "ivrs.iommu_count=%u\n", v->iommu_count);
	kprintf(FACT "ivrs.iommu_bases=");
	unsigned n = 0;
	for (unsigned i = 0; i < v->ivhd_count; i++)
		if (v->ivhd[i].used)
			kprintf("%s0x%llx", n++ ? "," : "", (unsigned long long)v->ivhd[i].base);
	kputs(n ? "\n" : "none\n");
	kprintf(FACT "ivrs.ivinfo=0x%08x\n", v->ivinfo);
	kprintf(FACT "ivrs.x2apic_mode=%u\n", acpi_ivrs_x2apic_mode(v));
	acpi_print_ivrs_specials(v, "ioapic", ACPI_IVRS_SPECIAL_IOAPIC);
	acpi_print_ivrs_specials(v, "hpet", ACPI_IVRS_SPECIAL_HPET);
	kprintf(FACT "ivrs.ivmd_count=%u\n", v->ivmd_count);
}
