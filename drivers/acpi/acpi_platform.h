/* SPDX-License-Identifier: MIT */
/*
 * Everything the ACPI parsers found, in one place: the input of the
 * report (`# fact` lines), of the platform policy and of the host tool.
 * Large (the MADT arrays): keep it in static storage in the guest.
 */
#ifndef DOORBELL_ACPI_PLATFORM_H
#define DOORBELL_ACPI_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/acpi/acpi_dmar.h"
#include "drivers/acpi/acpi_fadt.h"
#include "drivers/acpi/acpi_hpet.h"
#include "drivers/acpi/acpi_iort.h"
#include "drivers/acpi/acpi_ivrs.h"
#include "drivers/acpi/acpi_madt.h"
#include "drivers/acpi/acpi_mcfg.h"
#include "drivers/acpi/acpi_spcr.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/findings.h"

struct acpi_platform {
	/* Tables of each signature present; the first of each is parsed. */
	unsigned dmar_count, iort_count, madt_count, mcfg_count, fadt_count, spcr_count, ivrs_count,
		hpet_count;
	/* Parse results of that first table: 0, or the -errno that rejected it. */
	int dmar_err, iort_err, madt_err, mcfg_err, fadt_err, spcr_err, ivrs_err, hpet_err;
	/* True when present and parsed (possibly with findings). */
	bool has_dmar, has_iort, has_madt, has_mcfg, has_fadt, has_spcr, has_ivrs, has_hpet;
	struct acpi_dmar dmar;
	struct acpi_iort iort;
	struct acpi_madt madt;
	struct acpi_mcfg mcfg;
	struct acpi_fadt fadt;
	struct acpi_spcr spcr;
	struct acpi_ivrs ivrs;
	struct acpi_hpet hpet;
	/*
	 * True (the default) when the tables are all the machine has, as in the
	 * guest or an acpidump: a table that is absent is then absent on the
	 * machine. False for a selection of raw tables.
	 */
	bool tables_complete;
	/* Position of the experimental (not VT-d) DMAR IMS opt-in flag bit. */
	unsigned dmar_ims_bit;
};

/* Zeroes p, sets dmar_ims_bit to ACPI_DMAR_EXPERIMENTAL_IMS_BIT_DEFAULT and tables_complete. */
void acpi_platform_init(struct acpi_platform *p);

/*
 * Parses the first table of each known signature, then checks them against
 * each other (acpi_cross_check). Keeps p->dmar_ims_bit and
 * p->tables_complete. Returns 0; tables that were rejected have has_X false, X_err set and an
 * error finding.
 */
int acpi_platform_parse(struct acpi_platform *p, const struct acpi_tables *t, struct findings *f);

/* The experimental IMS opt-in bit of the DMAR (false without a DMAR). */
bool acpi_platform_dmar_ims_opt_in(const struct acpi_platform *p);

#endif
