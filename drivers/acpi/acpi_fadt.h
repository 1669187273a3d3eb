/* SPDX-License-Identifier: MIT */
/* FADT (signature "FACP"): ACPI 6.5 §5.2.9. */
#ifndef DOORBELL_ACPI_FADT_H
#define DOORBELL_ACPI_FADT_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/acpi/acpi_cursor.h"
#include "kernel/findings.h"

#define ACPI_FADT_RESET_REG_SUP      (1u << 10)
#define ACPI_FADT_TMR_VAL_EXT        (1u << 8)
#define ACPI_FADT_HW_REDUCED_ACPI    (1u << 20)
#define ACPI_FADT_ARM_PSCI_COMPLIANT 0x1u /* ARM_BOOT_ARCH bit 0 */
#define ACPI_FADT_ARM_PSCI_USE_HVC   0x2u /* ARM_BOOT_ARCH bit 1 */

#define ACPI_FADT_HYPERVISOR_OFFSET 268u
#define ACPI_FADT_HYPERVISOR_END    276u

enum acpi_fadt_hv_status {
	ACPI_FADT_HV_PRESENT = 0, /* non-zero identity read */
	ACPI_FADT_HV_ZERO,        /* the field exists and is zero */
	ACPI_FADT_HV_SHORT,       /* the table ends before offset 276 */
	ACPI_FADT_HV_NO_FIELD,    /* revision below 6: bytes 268-275 are not the field */
};

struct acpi_fadt {
	uint8_t revision;       /* header revision (the FADT major version) */
	uint8_t minor_revision; /* offset 131, ACPI 5.1+; 0 if absent */
	uint32_t length;
	uint32_t flags;
	uint16_t sci_int;
	uint8_t preferred_pm_profile;
	uint16_t iapc_boot_arch;
	uint16_t arm_boot_arch;
	bool has_arm_boot_arch; /* length covers offset 129-130 */
	bool psci_compliant, psci_use_hvc;
	/* Power-management timer: X_PM_TMR_BLK when non-zero, else PM_TMR_BLK (I/O port). */
	struct acpi_gas pm_timer;
	bool pm_timer_from_x;
	uint8_t pm_timer_len;
	bool pm_timer_32bit; /* TMR_VAL_EXT */
	struct acpi_gas reset_reg;
	uint8_t reset_value;
	bool has_reset_reg;  /* RESET_REG_SUP and the fields present */
	uint64_t dsdt, facs; /* X_ field when present and non-zero */
	/*
	 * Hypervisor vendor identity (offset 268, FADT revision 6 / ACPI 6.0+).
	 * Only ACPI_FADT_HV_PRESENT means a hypervisor wrote it; with
	 * ACPI_FADT_HV_NO_FIELD the bytes are kept for the finding only.
	 */
	enum acpi_fadt_hv_status hv_status;
	uint64_t hypervisor_vendor_raw;
	char hypervisor_vendor[9]; /* printable form, NUL-terminated */
};

/*
 * Returns 0, -EINVAL (not a FADT / header unusable) or -EBADMSG (shorter
 * than 116 bytes, the ACPI 1.0 FADT).
 */
int acpi_fadt_parse(const uint8_t *data, uint32_t len, struct acpi_fadt *fa, struct findings *f);

const char *acpi_fadt_hv_status_name(enum acpi_fadt_hv_status s);

#endif
