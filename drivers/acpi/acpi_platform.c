/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_platform.h"

#include <string.h>

#include "drivers/acpi/acpi_cross.h"
#include "kernel/errno.h"

void acpi_platform_init(struct acpi_platform *p)
{
	memset(p, 0, sizeof(*p));
	p->dmar_ims_bit = ACPI_DMAR_EXPERIMENTAL_IMS_BIT_DEFAULT;
	p->tables_complete = true;
}

bool acpi_platform_dmar_ims_opt_in(const struct acpi_platform *p)
{
	return p->has_dmar && acpi_dmar_flag(&p->dmar, p->dmar_ims_bit);
}

typedef int (*platform_parse_fn)(const uint8_t *data, uint32_t len, void *out, struct findings *f);

/* Where further instances of a signature are parsed, only for their findings. */
static union {
	struct acpi_dmar dmar;
	struct acpi_iort iort;
	struct acpi_madt madt;
	struct acpi_mcfg mcfg;
	struct acpi_fadt fadt;
	struct acpi_spcr spcr;
	struct acpi_ivrs ivrs;
	struct acpi_hpet hpet;
} platform_scratch;

/*
 * Parses the first table of signature sig (the one that is used, as Linux
 * does); every further instance is validated too, its findings announced by
 * an info line. Returns whether the first parsed.
 */
static bool acpi_platform_one(const struct acpi_tables *t, const char *sig, unsigned *count,
			      int *err, platform_parse_fn parse, void *out, struct findings *f)
{
	*count = acpi_table_count(t, sig);
	*err = 0;
	const struct acpi_table *tab = acpi_table_find(t, sig, 0);
	if (!tab)
		return false;
	for (unsigned i = 1; i < *count; i++) {
		const struct acpi_table *more = acpi_table_find(t, sig, i);
		finding_add(f, FINDING_INFO, sig, FINDING_NO_OFFSET,
			    "%s #%u of %u (at 0x%llx): validated; only the first is used; its "
			    "findings follow",
			    sig, i + 1, *count, (unsigned long long)more->phys);
		int e = parse(more->data, more->length, &platform_scratch, f);
		if (e)
			finding_add(f, FINDING_ERROR, sig, FINDING_NO_OFFSET,
				    "%s #%u rejected (%s): header or fixed fields unusable", sig,
				    i + 1, errno_name(e));
	}
	*err = parse(tab->data, tab->length, out, f);
	if (*err) {
		finding_add(f, FINDING_ERROR, sig, FINDING_NO_OFFSET,
			    "table rejected (%s): header or fixed fields unusable",
			    errno_name(*err));
		return false;
	}
	return true;
}

/* Adapters from the typed parsers to one signature. */
#define PLATFORM_ADAPT(name, type)                                                                 \
	static int platform_##name(const uint8_t *d, uint32_t l, void *o, struct findings *f)      \
	{                                                                                          \
		return acpi_##name##_parse(d, l, (type *)o, f);                                    \
	}
PLATFORM_ADAPT(dmar, struct acpi_dmar)
PLATFORM_ADAPT(iort, struct acpi_iort)
PLATFORM_ADAPT(madt, struct acpi_madt)
PLATFORM_ADAPT(mcfg, struct acpi_mcfg)
PLATFORM_ADAPT(fadt, struct acpi_fadt)
PLATFORM_ADAPT(spcr, struct acpi_spcr)
PLATFORM_ADAPT(ivrs, struct acpi_ivrs)
PLATFORM_ADAPT(hpet, struct acpi_hpet)
#undef PLATFORM_ADAPT

int acpi_platform_parse(struct acpi_platform *p, const struct acpi_tables *t, struct findings *f)
{
	p->has_dmar = acpi_platform_one(t, "DMAR", &p->dmar_count, &p->dmar_err, platform_dmar,
					&p->dmar, f);
	p->has_iort = acpi_platform_one(t, "IORT", &p->iort_count, &p->iort_err, platform_iort,
					&p->iort, f);
	p->has_madt = acpi_platform_one(t, "APIC", &p->madt_count, &p->madt_err, platform_madt,
					&p->madt, f);
	p->has_mcfg = acpi_platform_one(t, "MCFG", &p->mcfg_count, &p->mcfg_err, platform_mcfg,
					&p->mcfg, f);
	p->has_fadt = acpi_platform_one(t, "FACP", &p->fadt_count, &p->fadt_err, platform_fadt,
					&p->fadt, f);
	p->has_spcr = acpi_platform_one(t, "SPCR", &p->spcr_count, &p->spcr_err, platform_spcr,
					&p->spcr, f);
	p->has_ivrs = acpi_platform_one(t, "IVRS", &p->ivrs_count, &p->ivrs_err, platform_ivrs,
					&p->ivrs, f);
	p->has_hpet = acpi_platform_one(t, "HPET", &p->hpet_count, &p->hpet_err, platform_hpet,
					&p->hpet, f);
	acpi_cross_check(p, f);
	return 0;
}
