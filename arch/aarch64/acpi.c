/* SPDX-License-Identifier: MIT */
/*
 * What arm64 takes from ACPI: the PSCI conduit, from the FADT's
 * ARM_BOOT_ARCH flags (ACPI 6.5 §5.2.9, Table 5.12: bit 0 PSCI_COMPLIANT,
 * bit 1 PSCI_USE_HVC).
 */
#include <string.h>

#include "arch/aarch64/aarch64.h"
#include "drivers/acpi/acpi_fadt.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/report.h"

void arch_acpi_init(const struct acpi_tables *t)
{
	struct acpi_fadt fa;

	for (unsigned i = 0; t && i < t->count; i++) {
		const struct acpi_table *tb = &t->table[i];
		if (memcmp(tb->sig, "FACP", 4) || !tb->data)
			continue;
		if (acpi_fadt_parse(tb->data, tb->length, &fa, NULL) || !fa.has_arm_boot_arch)
			break;
		if (!fa.psci_compliant)
			aarch64_psci_set_conduit(PSCI_CONDUIT_NONE, "fadt");
		else
			aarch64_psci_set_conduit(
				fa.psci_use_hvc ? PSCI_CONDUIT_HVC : PSCI_CONDUIT_SMC, "fadt");
		break;
	}
	fact("arm64.psci.conduit", "%s (%s)", aarch64_psci_conduit_name(aarch64_psci_conduit()),
	     aarch64_psci_conduit_source());
}
