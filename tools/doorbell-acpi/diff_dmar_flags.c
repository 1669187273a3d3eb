/* SPDX-License-Identifier: MIT */
/* --diff of the DMAR flags (VT-d spec §8.1) and what each change means for Linux. */
#include "tools/doorbell-acpi/acpi_diff.h"

struct dmar_flag_meaning {
	uint8_t bit;
	const char *name;
	const char *when_set;
	const char *when_cleared;
};

static const struct dmar_flag_meaning dmar_flag_meanings[] = {
	{ACPI_DMAR_INTR_REMAP, "INTR_REMAP",
	 "interrupt remapping supported: Linux enables it (intremap=off to refuse)",
	 "no interrupt remapping: Linux runs without IR, no x2APIC above APIC id 255"},
	{ACPI_DMAR_X2APIC_OPT_OUT, "X2APIC_OPT_OUT",
	 "Linux keeps xAPIC mode when it enables IR (intremap=no_x2apic_optout overrides)",
	 "Linux may switch to x2APIC mode with IR"},
	{ACPI_DMAR_DMA_CTRL_PLATFORM_OPT_IN, "DMA_CTRL_PLATFORM_OPT_IN",
	 "Linux turns the IOMMU on for untrusted (external) devices even with intel_iommu=off",
	 "Linux no longer forces the IOMMU on for untrusted devices (no kernel DMA protection)"},
};

unsigned diff_dmar_flags(const struct acpi_platform *old_p, const struct acpi_platform *new_p,
			 struct tool_lines *out)
{
	uint8_t was = old_p->dmar.flags, is = new_p->dmar.flags;
	unsigned n = 0;
	for (unsigned i = 0; i < sizeof(dmar_flag_meanings) / sizeof(dmar_flag_meanings[0]); i++) {
		const struct dmar_flag_meaning *m = &dmar_flag_meanings[i];
		if ((was ^ is) & m->bit) {
			bool set = is & m->bit;
			tool_lines_add(out, "DMAR", "%c flag %s: %s", set ? '+' : '-', m->name,
				       set ? m->when_set : m->when_cleared);
			n++;
		}
	}
	for (unsigned bit = 3; bit < 8; bit++) {
		if (!((was ^ is) & (1u << bit)))
			continue;
		tool_lines_add(
			out, "DMAR", "%c flag reserved bit %u%s", is & (1u << bit) ? '+' : '-', bit,
			bit == new_p->dmar_ims_bit
				? ": read by doorbell's policy as the experimental IMS opt-in"
				: ": ignored by Linux");
		n++;
	}
	return n;
}
