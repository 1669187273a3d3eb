/* SPDX-License-Identifier: MIT */
#include "kernel/platform.h"

#include "boot/handoff.h"
#include "kernel/console.h"
#include "kernel/errno.h"

static struct platform the_platform;

struct platform *platform_get(void)
{
	return &the_platform;
}

/* The kernel's page tables map every physical address it touches 1:1. */
static const void *identity(void *ctx, uint64_t phys, uint64_t len)
{
	(void)ctx;
	(void)len;
	return (const void *)(uintptr_t)phys;
}

void platform_acpi_load(const struct boot_info *bi)
{
	struct platform *p = &the_platform;
	findings_init(&p->findings);
	acpi_tables_init(&p->acpi);
	if (!bi->rsdp_phys) {
		p->acpi_status = -ENOENT;
		finding_add(&p->findings, FINDING_WARNING, "RSDP", FINDING_NO_OFFSET,
			    "the firmware's configuration table has no ACPI RSDP");
	} else {
		p->acpi_status =
			acpi_tables_load(&p->acpi, bi->rsdp_phys, identity, 0, &p->findings);
	}
	/* Overrides from the ESP replace the firmware's table of the same signature. */
	for (uint32_t i = 0; i < bi->acpi_file_count; i++) {
		const struct boot_file *bf = &bi->acpi_files[i];
		int err = acpi_tables_override(&p->acpi, bf->data, bf->size, &p->findings);
		if (err)
			finding_add(&p->findings, FINDING_ERROR, "ESP", FINDING_NO_OFFSET,
				    "override \\doorbell\\acpi\\%s not used: %s", bf->name,
				    errno_name(err));
		else
			p->overrides_applied++;
	}
	p->have_acpi = p->acpi.count > 0;
}
