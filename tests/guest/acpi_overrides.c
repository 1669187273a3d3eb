/* SPDX-License-Identifier: MIT */
/*
 * acpi.overrides: every table file on the ESP (\doorbell\acpi\) replaced or
 * joined the firmware's before anything parsed them: the table list holds
 * its exact bytes, marked as an override, once per signature.
 */
#include <string.h>

#include "boot/handoff.h"
#include "kernel/kernel.h"
#include "kernel/platform.h"
#include "kernel/test/dtest.h"

DTEST(acpi_overrides, .name = "acpi.overrides",
      .summary = "ESP table files are in the table list byte for byte, marked as overrides",
      .needs = DTEST_NEED_ACPI, .deadline_ms = 1000)
{
	const struct boot_info *bi = kernel_boot_info();
	const struct platform *p = platform_get();
	if (!bi->acpi_file_count) {
		dtest_skip(t, "no table files in \\doorbell\\acpi\\ on the ESP");
		return;
	}
	DT_EXPECT_EQ(t, p->overrides_applied, bi->acpi_file_count);
	for (uint32_t i = 0; i < bi->acpi_file_count; i++) {
		const struct boot_file *bf = &bi->acpi_files[i];
		if (!DT_EXPECT(t, bf->size >= 36, "%s: %u bytes, shorter than a table header",
			       bf->name, bf->size))
			continue;
		char sig[5] = {0};
		memcpy(sig, bf->data, 4);
		DT_EXPECT_EQ(t, acpi_table_count(&p->acpi, sig), 1);
		const struct acpi_table *tb = acpi_table_find(&p->acpi, sig, 0);
		if (!DT_EXPECT(t, tb != 0, "%s: no %s in the table list", bf->name, sig))
			continue;
		DT_EXPECT(t, tb->overridden, "%s: %s not marked as an override", bf->name, sig);
		DT_EXPECT_EQ(t, tb->length, bf->size);
		DT_EXPECT(t, tb->length == bf->size && !memcmp(tb->data, bf->data, bf->size),
			  "%s: the table list's %s differs from the file", bf->name, sig);
	}
}
