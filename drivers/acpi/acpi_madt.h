/* SPDX-License-Identifier: MIT */
/*
 * MADT (signature "APIC"): interrupt controller structures, ACPI 6.5 §5.2.12.
 * The parser stores up to the stated maximum of each kind; *_count is what
 * was stored and `overflow` says more existed. The struct is large: keep
 * it in static storage in the guest.
 */
#ifndef DOORBELL_ACPI_MADT_H
#define DOORBELL_ACPI_MADT_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/findings.h"

enum acpi_madt_type {
	ACPI_MADT_LAPIC = 0,
	ACPI_MADT_IOAPIC = 1,
	ACPI_MADT_ISO = 2,
	ACPI_MADT_NMI_SOURCE = 3,
	ACPI_MADT_LAPIC_NMI = 4,
	ACPI_MADT_LAPIC_OVERRIDE = 5,
	ACPI_MADT_IOSAPIC = 6,
	ACPI_MADT_LSAPIC = 7,
	ACPI_MADT_PLATFORM_INT = 8,
	ACPI_MADT_X2APIC = 9,
	ACPI_MADT_X2APIC_NMI = 10,
	ACPI_MADT_GICC = 11,
	ACPI_MADT_GICD = 12,
	ACPI_MADT_GIC_MSI_FRAME = 13,
	ACPI_MADT_GICR = 14,
	ACPI_MADT_GIC_ITS = 15,
	ACPI_MADT_MP_WAKEUP = 16,
};

#define ACPI_MADT_PCAT_COMPAT        0x1u /* MADT flags bit 0 */
#define ACPI_MADT_CPU_ENABLED        0x1u /* LAPIC/x2APIC/GICC flags bit 0 */
#define ACPI_MADT_CPU_ONLINE_CAPABLE 0x2u

#define ACPI_MADT_MAX_CPUS   512
#define ACPI_MADT_MAX_IOAPIC 32
#define ACPI_MADT_MAX_ISO    32
#define ACPI_MADT_MAX_NMI    64
#define ACPI_MADT_MAX_GICD   4
#define ACPI_MADT_MAX_GICR   16
#define ACPI_MADT_MAX_ITS    16

struct acpi_madt_lapic {
	uint32_t uid;     /* ACPI processor UID (8 bits for type 0) */
	uint32_t apic_id; /* 8 bits for type 0, 32 for x2APIC */
	uint32_t flags;
};

struct acpi_madt_ioapic {
	uint8_t id;
	uint32_t address;
	uint32_t gsi_base;
	uint32_t offset; /* of the structure in the MADT */
};

struct acpi_madt_iso {
	uint8_t bus, source;
	uint32_t gsi;
	uint16_t flags;
};

struct acpi_madt_nmi {
	uint8_t type; /* 3 NMI source, 4 local APIC NMI, 10 x2APIC NMI */
	uint32_t uid; /* processor UID (0xff / 0xffffffff: all); GSI for type 3 */
	uint16_t flags;
	uint8_t lint;
};

struct acpi_madt_gicc {
	uint32_t cpu_interface;
	uint32_t uid;
	uint32_t flags;
	uint32_t perf_gsiv;
	uint32_t vgic_maint_gsiv;
	uint64_t base, gicv, gich, gicr_base, mpidr;
	uint8_t length;
	uint32_t offset; /* of the structure in the MADT */
};

struct acpi_madt_gicd {
	uint32_t gic_id;
	uint64_t base;
	uint32_t gsiv_base;
	uint8_t version; /* 0: not given, 1-4: GICv1-v4 */
};

struct acpi_madt_gicr {
	uint64_t base;
	uint32_t length;
	uint32_t offset; /* of the structure in the MADT */
};

struct acpi_madt_its {
	uint32_t its_id;
	uint64_t base;
	uint32_t offset; /* of the structure in the MADT */
};

struct acpi_madt {
	uint8_t revision;
	uint32_t length;
	uint32_t lapic_address;
	uint64_t lapic_override; /* 0 when no type-5 entry */
	uint32_t flags;
	struct acpi_madt_lapic lapic[ACPI_MADT_MAX_CPUS];
	unsigned lapic_count;
	struct acpi_madt_lapic x2apic[ACPI_MADT_MAX_CPUS];
	unsigned x2apic_count;
	struct acpi_madt_ioapic ioapic[ACPI_MADT_MAX_IOAPIC];
	unsigned ioapic_count;
	struct acpi_madt_iso iso[ACPI_MADT_MAX_ISO];
	unsigned iso_count;
	struct acpi_madt_nmi nmi[ACPI_MADT_MAX_NMI];
	unsigned nmi_count;
	struct acpi_madt_gicc gicc[ACPI_MADT_MAX_CPUS];
	unsigned gicc_count;
	struct acpi_madt_gicd gicd[ACPI_MADT_MAX_GICD];
	unsigned gicd_count;
	struct acpi_madt_gicr gicr[ACPI_MADT_MAX_GICR];
	unsigned gicr_count;
	struct acpi_madt_its its[ACPI_MADT_MAX_ITS];
	unsigned its_count;
	unsigned msi_frame_count;
	unsigned other_count;   /* known types not stored (IOSAPIC, ...) */
	unsigned unknown_count; /* reserved/OEM types, skipped by their length */
	unsigned entry_count;   /* every structure walked */
	bool overflow;
	bool truncated; /* the walk stopped on a zero or overrunning length */
};

/*
 * Returns 0 (possibly with findings), -EINVAL (not an MADT / header
 * unusable) or -EBADMSG (shorter than 44 bytes).
 */
int acpi_madt_parse(const uint8_t *data, uint32_t len, struct acpi_madt *m, struct findings *f);

#endif
