/* SPDX-License-Identifier: MIT */
#include "kernel/policy/signals.h"

#include <stdio.h>
#include <string.h>

/*
 * OEM IDs that emulators and hypervisors put in their ACPI headers. A hint
 * only: a firmware vendor may reuse any of them, and a VM may carry the
 * host's (docs/architecture.md, "Signals":
 * never trusted alone).
 */
static const char *const emulator_oem_ids[] = {
	"BOCHS", "BXPC", "QEMU", "VBOX", "VMWARE", "XEN", "VRTUAL", "PRLS", "ACRN",
};

/* The emulator name id starts with, or NULL. */
static const char *emulator_of(const char *id)
{
	for (unsigned i = 0; i < sizeof(emulator_oem_ids) / sizeof(emulator_oem_ids[0]); i++)
		if (!strncmp(id, emulator_oem_ids[i], strlen(emulator_oem_ids[i])))
			return emulator_oem_ids[i];
	return NULL;
}

static void hint_add(char *hint, const char *word)
{
	size_t len = strlen(hint);
	size_t wlen = strlen(word);
	/* Each word once: "BOCHS/BXPC", not one per table. */
	for (const char *p = hint; (p = strstr(p, word)); p += wlen)
		if ((p == hint || p[-1] == '/') && (p[wlen] == '/' || !p[wlen]))
			return;
	if (len + wlen + 2 > SIGNALS_HINT_LEN)
		return;
	snprintf(hint + len, SIGNALS_HINT_LEN - len, "%s%s", len ? "/" : "", word);
}

void signals_init(struct platform_signals *s, enum signals_arch arch,
		  const struct acpi_platform *acpi, const struct acpi_tables *tables)
{
	memset(s, 0, sizeof(*s));
	s->arch = arch;
	s->acpi = acpi;
	s->cpu.conduit = "none";
	if (!tables)
		return;
	for (unsigned i = 0; i < tables->count; i++) {
		const struct acpi_table *t = &tables->table[i];
		struct acpi_header h;
		if (!acpi_header_read(t->data, t->length, &h))
			continue;
		const char *e = emulator_of(h.oem_id);
		if (e)
			hint_add(s->oem_hint, e);
		e = emulator_of(h.oem_table_id);
		if (e)
			hint_add(s->oem_hint, e);
	}
}

bool signals_vtd_caching_mode(const struct platform_signals *s)
{
	for (unsigned i = 0; i < s->vtd_count; i++)
		if (s->vtd[i].answered && (s->vtd[i].cap & VTD_CAP_CM))
			return true;
	return false;
}
