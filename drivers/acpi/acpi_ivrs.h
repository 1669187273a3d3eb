/* SPDX-License-Identifier: MIT */
/*
 * IVRS: AMD I/O Virtualization Reporting Structure (AMD IOMMU spec 48882
 * rev 3.x, §5.2): the IOMMUs (IVHD blocks 10h, 11h, 40h), the I/O APICs
 * and HPETs they remap (special device entries 48h: handle -> BDF), and
 * the memory ranges the OS must keep mapped (IVMD blocks 20h-22h).
 */
#ifndef DOORBELL_ACPI_IVRS_H
#define DOORBELL_ACPI_IVRS_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/findings.h"

#define ACPI_IVRS_MAX_IVHD    16
#define ACPI_IVRS_MAX_SPECIAL 32
#define ACPI_IVRS_MAX_IVMD    32

#define ACPI_IVRS_IVINFO_EFRSUP (1u << 0) /* §5.2.1: EFR image in IVHD 11h/40h valid */
/* §5.2.2.2 IOMMU Feature Reporting (IVHD 10h). */
#define ACPI_IVRS_FEAT_XTSUP (1u << 0)
#define ACPI_IVRS_FEAT_GASUP (1u << 6)
/* §3.4.1 Extended Feature Register, copied in IVHD 11h/40h. */
#define ACPI_IVRS_EFR_XTSUP (1ull << 2)
#define ACPI_IVRS_EFR_GASUP (1ull << 7)

/* §5.2.2.3 special device entry (48h) variety. */
#define ACPI_IVRS_SPECIAL_IOAPIC 1u
#define ACPI_IVRS_SPECIAL_HPET   2u
/* The southbridge I/O APIC's requester ID, 00:14.0 (Linux: IOAPIC_SB_DEVID). */
#define ACPI_IVRS_SB_IOAPIC_BDF 0x00a0u

/* §5.2.3 IVMD flags. */
#define ACPI_IVRS_IVMD_UNITY (1u << 0)
#define ACPI_IVRS_IVMD_READ  (1u << 1)
#define ACPI_IVRS_IVMD_WRITE (1u << 2)
#define ACPI_IVRS_IVMD_EXCL  (1u << 3)

struct acpi_ivrs_ivhd {
	uint32_t offset;
	uint8_t type; /* 0x10, 0x11, 0x40 */
	uint8_t flags;
	uint16_t device_id; /* the IOMMU's own BDF */
	uint16_t capability_offset;
	uint16_t segment;
	uint16_t info;       /* bits 4:0 MSI number, 12:8 unit ID */
	uint64_t base;       /* the IOMMU registers (16 KiB) */
	uint32_t attributes; /* feature reporting (10h) or IOMMU attributes (11h/40h) */
	uint64_t efr, efr2;  /* 11h/40h only */
	bool used;           /* of the type an OS uses (acpi_ivrs.target_type) */
	bool xtsup, gasup;   /* from the feature reporting field (10h) or the EFR image */
	unsigned entry_count;
};

struct acpi_ivrs_special {
	uint32_t offset;
	uint8_t variety; /* ACPI_IVRS_SPECIAL_* */
	uint8_t handle;  /* I/O APIC ID or HPET number */
	uint16_t bdf;    /* the requester ID its interrupts carry */
	uint16_t segment;
	uint8_t ivhd; /* index into acpi_ivrs.ivhd */
};

struct acpi_ivrs_ivmd {
	uint32_t offset;
	uint8_t type; /* 0x20 all, 0x21 one device, 0x22 a range */
	uint8_t flags;
	uint16_t device_start, device_end;
	uint64_t start, length;
};

struct acpi_ivrs {
	uint8_t revision;
	uint32_t length;
	uint32_t ivinfo;
	struct acpi_ivrs_ivhd ivhd[ACPI_IVRS_MAX_IVHD];
	unsigned ivhd_count;
	uint8_t target_type; /* Linux's choice: the highest type given for the first IVHD's device */
	unsigned iommu_count; /* IVHDs of target_type: the IOMMUs */
	struct acpi_ivrs_special special[ACPI_IVRS_MAX_SPECIAL];
	unsigned special_count;
	struct acpi_ivrs_ivmd ivmd[ACPI_IVRS_MAX_IVMD];
	unsigned ivmd_count;
	unsigned hid_count;     /* ACPI HID device entries (F0h) */
	unsigned unknown_count; /* blocks of an undefined type */
	bool overflow;          /* more IVHDs, special entries or IVMDs than stored */
	bool truncated;         /* the block walk stopped early */
};

/* Returns 0, -EINVAL (not an IVRS) or -EBADMSG (shorter than 48 bytes). */
int acpi_ivrs_parse(const uint8_t *data, uint32_t len, struct acpi_ivrs *v, struct findings *f);

/* The first special entry (of an IVHD in use) of variety naming handle, or NULL. */
const struct acpi_ivrs_special *acpi_ivrs_special_find(const struct acpi_ivrs *v, uint8_t variety,
						       uint8_t handle);

/*
 * Remapping in x2APIC mode, as Linux reads it from the table (init_iommu_one):
 * every IOMMU is an IVHD 11h/40h whose EFR image has GASup and XTSup.
 */
bool acpi_ivrs_x2apic_mode(const struct acpi_ivrs *v);

#endif
