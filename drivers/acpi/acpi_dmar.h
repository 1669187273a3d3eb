/* SPDX-License-Identifier: MIT */
/*
 * DMAR: DMA Remapping Reporting table (Intel VT-d spec, chapter 8).
 * The parser fills fixed-size arrays; *_count entries are stored, and
 * `overflow` says more existed than the arrays hold.
 */
#ifndef DOORBELL_ACPI_DMAR_H
#define DOORBELL_ACPI_DMAR_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/findings.h"

/* Table flags (VT-d §8.1). Bits 7:3 are reserved. */
#define ACPI_DMAR_INTR_REMAP               0x01u
#define ACPI_DMAR_X2APIC_OPT_OUT           0x02u
#define ACPI_DMAR_DMA_CTRL_PLATFORM_OPT_IN 0x04u
#define ACPI_DMAR_FLAGS_RESERVED           0xf8u
/* Experimental, NOT in the VT-d spec: the first reserved bit, read by the policy as IMS opt-in. */
#define ACPI_DMAR_EXPERIMENTAL_IMS_BIT_DEFAULT 3u

/* Remapping structure types (VT-d §8.2-§8.8, 4.x). */
enum acpi_dmar_type {
	ACPI_DMAR_TYPE_DRHD = 0,
	ACPI_DMAR_TYPE_RMRR = 1,
	ACPI_DMAR_TYPE_ATSR = 2,
	ACPI_DMAR_TYPE_RHSA = 3,
	ACPI_DMAR_TYPE_ANDD = 4,
	ACPI_DMAR_TYPE_SATC = 5,
	ACPI_DMAR_TYPE_SIDP = 6,
};

/* Device scope types (VT-d §8.3.1). */
enum acpi_dmar_scope_type {
	ACPI_DMAR_SCOPE_PCI_ENDPOINT = 1,
	ACPI_DMAR_SCOPE_PCI_BRIDGE = 2,
	ACPI_DMAR_SCOPE_IOAPIC = 3,
	ACPI_DMAR_SCOPE_HPET = 4,
	ACPI_DMAR_SCOPE_ACPI_NAMESPACE = 5,
};

#define ACPI_DMAR_DRHD_INCLUDE_PCI_ALL 0x01u
#define ACPI_DMAR_ATSR_ALL_PORTS       0x01u
#define ACPI_DMAR_SATC_ATC_REQUIRED    0x01u

#define ACPI_DMAR_MAX_DRHD   32
#define ACPI_DMAR_MAX_RMRR   64
#define ACPI_DMAR_MAX_ATSR   16
#define ACPI_DMAR_MAX_RHSA   32
#define ACPI_DMAR_MAX_ANDD   16
#define ACPI_DMAR_MAX_SATC   16
#define ACPI_DMAR_MAX_SIDP   16
#define ACPI_DMAR_MAX_SCOPES 512
#define ACPI_DMAR_MAX_PATH   8
#define ACPI_DMAR_ANDD_NAME  64

struct acpi_dmar_path {
	uint8_t dev, fn;
};

struct acpi_dmar_scope {
	uint8_t type;
	uint8_t length;
	uint8_t flags;
	uint8_t enumeration_id; /* IOAPIC id, HPET number, ACPI device number */
	uint8_t start_bus;
	uint8_t owner_type;   /* enum acpi_dmar_type of the structure holding it */
	uint16_t owner_index; /* index in that structure's array */
	uint32_t offset;      /* in the table */
	uint8_t path_count;   /* pairs present in the table */
	bool path_truncated;  /* more than ACPI_DMAR_MAX_PATH pairs */
	struct acpi_dmar_path path[ACPI_DMAR_MAX_PATH];
};

/* Range of a structure's device scopes in acpi_dmar.scope[]. */
struct acpi_dmar_scopes {
	uint16_t first;
	uint16_t count;
};

struct acpi_dmar_drhd {
	uint32_t offset;
	uint8_t flags;
	uint8_t size; /* register set size: 2^size 4 KiB pages (VT-d 3.x+) */
	uint16_t segment;
	uint64_t reg_base;
	struct acpi_dmar_scopes scopes;
};

struct acpi_dmar_rmrr {
	uint32_t offset;
	uint16_t segment;
	uint64_t base, limit; /* limit is inclusive */
	struct acpi_dmar_scopes scopes;
};

struct acpi_dmar_atsr {
	uint32_t offset;
	uint8_t flags;
	uint16_t segment;
	struct acpi_dmar_scopes scopes;
};

struct acpi_dmar_rhsa {
	uint32_t offset;
	uint64_t reg_base;
	uint32_t proximity_domain;
};

struct acpi_dmar_andd {
	uint32_t offset;
	uint8_t device_number;
	char name[ACPI_DMAR_ANDD_NAME];
};

/* SATC (flags: ATC_REQUIRED) and SIDP (no flags) share this shape. */
struct acpi_dmar_satc {
	uint32_t offset;
	uint8_t flags;
	uint16_t segment;
	struct acpi_dmar_scopes scopes;
};

struct acpi_dmar {
	uint8_t revision;
	uint32_t length;            /* bytes parsed */
	uint8_t host_address_width; /* the field: width is this + 1 */
	uint8_t flags;
	struct acpi_dmar_drhd drhd[ACPI_DMAR_MAX_DRHD];
	unsigned drhd_count;
	struct acpi_dmar_rmrr rmrr[ACPI_DMAR_MAX_RMRR];
	unsigned rmrr_count;
	struct acpi_dmar_atsr atsr[ACPI_DMAR_MAX_ATSR];
	unsigned atsr_count;
	struct acpi_dmar_rhsa rhsa[ACPI_DMAR_MAX_RHSA];
	unsigned rhsa_count;
	struct acpi_dmar_andd andd[ACPI_DMAR_MAX_ANDD];
	unsigned andd_count;
	struct acpi_dmar_satc satc[ACPI_DMAR_MAX_SATC];
	unsigned satc_count;
	struct acpi_dmar_satc sidp[ACPI_DMAR_MAX_SIDP];
	unsigned sidp_count;
	struct acpi_dmar_scope scope[ACPI_DMAR_MAX_SCOPES];
	unsigned scope_count;
	unsigned unknown_count;   /* structures of unknown type, skipped */
	unsigned structure_count; /* all structures walked */
	bool overflow;
	bool truncated; /* the walk stopped on a bad structure length */
};

/*
 * Parses a DMAR of len bytes at data. Returns 0 (possibly with findings),
 * -EINVAL (not a DMAR / header unusable) or -EBADMSG (shorter than the
 * 48-byte fixed part).
 */
int acpi_dmar_parse(const uint8_t *data, uint32_t len, struct acpi_dmar *d, struct findings *f);

/* Value of flag bit `bit` (0-7); used for the experimental IMS bit. */
bool acpi_dmar_flag(const struct acpi_dmar *d, unsigned bit);

const char *acpi_dmar_type_name(unsigned type);
const char *acpi_dmar_scope_type_name(unsigned type);

#endif
