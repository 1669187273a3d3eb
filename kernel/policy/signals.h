/* SPDX-License-Identifier: MIT */
/*
 * Everything detection and policy read (docs/architecture.md, "Signals"), gathered in one struct
 * so that the decisions are pure functions: the guest fills it from CPUID,
 * SMCCC, the ACPI tables and the units' registers; doorbell-acpi fills the
 * table part only; host tests fill it by hand.
 */
#ifndef DOORBELL_POLICY_SIGNALS_H
#define DOORBELL_POLICY_SIGNALS_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/hooks.h"
#include "drivers/acpi/acpi_platform.h"

#define SIGNALS_MAX_VTD  8
#define SIGNALS_MAX_ITS  4
#define SIGNALS_HINT_LEN 96

enum signals_arch {
	SIGNALS_ARCH_X86_64 = 0,
	SIGNALS_ARCH_AARCH64,
};

/* VT-d register offsets and bits read here (VT-d 3.4 §11.4.1-11.4.3). */
#define VTD_REG_VER  0x00
#define VTD_REG_CAP  0x08
#define VTD_REG_ECAP 0x10
#define VTD_CAP_CM   (1ull << 7) /* caching mode */
#define VTD_ECAP_QI  (1ull << 1) /* queued invalidation */
#define VTD_ECAP_IR  (1ull << 3) /* interrupt remapping */
#define VTD_ECAP_EIM (1ull << 4) /* extended interrupt mode (x2APIC IDs) */
/* GICv3 ITS registers read by the probe (GICv3 §12.19). */
#define GITS_REG_CTLR  0x0000
#define GITS_REG_IIDR  0x0004
#define GITS_REG_TYPER 0x0008

/* One remapping unit's registers, read in the guest (absent in doorbell-acpi). */
struct signals_vtd_unit {
	uint64_t base;
	bool answered; /* the reads did not abort and did not float (all ones) */
	uint32_t ver;
	uint64_t cap, ecap;
};

/* One ITS of the MADT, probed in the guest. */
struct signals_its {
	uint64_t base;
	uint32_t madt_offset;
	bool answered;
	uint32_t iidr;
	uint64_t typer;
};

struct platform_signals {
	enum signals_arch arch;
	const struct acpi_platform *acpi; /* NULL: no ACPI */
	struct arch_cpu_signals cpu;      /* zero in doorbell-acpi unless told */
	bool vtd_read;                    /* the units' registers were read */
	unsigned vtd_count;
	struct signals_vtd_unit vtd[SIGNALS_MAX_VTD];
	bool its_read;
	unsigned its_count;
	struct signals_its its[SIGNALS_MAX_ITS];
	/* ACPI OEM IDs naming an emulator ("BOCHS/BXPC"): a hint, never a verdict. */
	char oem_hint[SIGNALS_HINT_LEN];
	/* Test configuration: create the IMS domain against the policy (a demonstration). */
	bool ims_forced;
};

/* Zero s, set arch and acpi, and take the OEM hints from the tables. */
void signals_init(struct platform_signals *s, enum signals_arch arch,
		  const struct acpi_platform *acpi, const struct acpi_tables *tables);

/* True when some unit answered with CAP.CM set. */
bool signals_vtd_caching_mode(const struct platform_signals *s);

#endif
