/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_fadt.h"

#include <string.h>

#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"

#define FADT_V1_LEN 116u /* ACPI 1.0 FADT ends after Flags */

static const struct finding_check fadt_check_hv_short = {
	"fadt.hypervisor-field-short",
	"ACPICA copies the FADT into a zeroed local copy: the missing fields read as 0", 0};
static const struct finding_check fadt_check_hv_early = {
	"fadt.hypervisor-field-early", "none: Linux does not read the hypervisor vendor identity",
	0};
static const struct finding_check fadt_check_pm_tmr_len = {
	"fadt.pm-timer-length",
	"\"ACPI BIOS Warning (bug): Invalid length for FADT/PmTimerBlock: N, using default 4\"", 0};
static const struct finding_check fadt_check_reset_reg_zero = {
	"fadt.reset-reg-zero",
	"acpi_reset returns AE_NOT_EXIST: reboot=acpi does nothing and the next reboot method is "
	"tried",
	0};
static const struct finding_check fadt_check_arm_reserved = {"fadt.arm-boot-arch-reserved",
							     "reserved bits are ignored", 0};
static const struct finding_check fadt_check_hvc_alone = {
	"fadt.psci-hvc-without-compliant",
	"acpi_psci_present() is false: \"psci: is not implemented in ACPI.\", no PSCI, so no "
	"secondary CPUs, PSCI reboot or power-off",
	0};
static const struct finding_check fadt_check_length_short = {
	"fadt.length-short",
	"ACPICA zero-fills the missing fields: the 64-bit X_ blocks read as 0 and the 32-bit "
	"ones are used",
	0};

const char *acpi_fadt_hv_status_name(enum acpi_fadt_hv_status s)
{
	switch (s) {
	case ACPI_FADT_HV_PRESENT: return "present";
	case ACPI_FADT_HV_ZERO: return "zero";
	case ACPI_FADT_HV_SHORT: return "short";
	case ACPI_FADT_HV_NO_FIELD: return "no-field";
	}
	return "?";
}

static void fadt_hypervisor(const struct acpi_cursor *c, struct acpi_fadt *fa, struct findings *f)
{
	uint8_t raw[8];
	if (!acpi_cursor_bytes(c, ACPI_FADT_HYPERVISOR_OFFSET, raw, sizeof(raw))) {
		fa->hv_status = ACPI_FADT_HV_SHORT;
		if (fa->revision >= 6)
			finding_add_check(
				f, &fadt_check_hv_short, FINDING_INFO, "FACP", 4,
				"revision %u FADT is %u bytes: the hypervisor vendor identity "
				"(offset 268, 8 bytes, ACPI 6.0+) needs 276",
				fa->revision, fa->length);
		return;
	}
	fa->hypervisor_vendor_raw = acpi_le64(raw);
	if (!fa->hypervisor_vendor_raw) {
		fa->hv_status = ACPI_FADT_HV_ZERO;
		return;
	}
	/* The field exists from FADT revision 6 (ACPI 6.0 §5.2.9, Table 5.9). */
	fa->hv_status = fa->revision >= 6 ? ACPI_FADT_HV_PRESENT : ACPI_FADT_HV_NO_FIELD;
	unsigned n = 0;
	for (unsigned i = 0; i < 8 && raw[i]; i++)
		fa->hypervisor_vendor[n++] = (raw[i] > 0x20 && raw[i] < 0x7f) ? (char)raw[i] : '?';
	fa->hypervisor_vendor[n] = '\0';
	if (!n) /* leading NUL, later bytes set */
		fa->hypervisor_vendor[n++] = '?';
	fa->hypervisor_vendor[n] = '\0';
	if (fa->revision < 6)
		finding_add_check(
			f, &fadt_check_hv_early, FINDING_WARNING, "FACP",
			ACPI_FADT_HYPERVISOR_OFFSET,
			"hypervisor vendor identity set in a revision %u FADT: the field "
			"exists from FADT revision 6 (ACPI 6.0); not read as a hypervisor",
			fa->revision);
}

int acpi_fadt_parse(const uint8_t *data, uint32_t len, struct acpi_fadt *fa, struct findings *f)
{
	memset(fa, 0, sizeof(*fa));
	struct acpi_cursor c;
	struct acpi_header h;
	int err = acpi_table_open(data, len, "FACP", FADT_V1_LEN, &c, &h, f);
	if (err)
		return err;
	fa->revision = h.revision;
	fa->length = c.len;
	fa->preferred_pm_profile = acpi_u8(&c, 45);
	fa->sci_int = acpi_u16(&c, 46);
	fa->pm_timer_len = acpi_u8(&c, 91);
	fa->iapc_boot_arch = acpi_u16(&c, 109);
	fa->flags = acpi_u32(&c, 112);
	fa->pm_timer_32bit = fa->flags & ACPI_FADT_TMR_VAL_EXT;

	/* PM timer (ACPI 6.5 §4.8.3.3): X_PM_TMR_BLK wins when non-zero. */
	struct acpi_gas xtmr;
	if (acpi_get_gas(&c, 208, &xtmr) && xtmr.address) {
		fa->pm_timer = xtmr;
		fa->pm_timer_from_x = true;
	} else {
		fa->pm_timer.space_id = 1; /* system I/O */
		fa->pm_timer.bit_width = 32;
		fa->pm_timer.address = acpi_u32(&c, 76);
	}
	if (fa->pm_timer.address && !fa->pm_timer_from_x && fa->pm_timer_len != 4)
		finding_add_check(
			f, &fadt_check_pm_tmr_len, FINDING_WARNING, "FACP", 91,
			"PM_TMR_LEN is %u, must be 4 when PM_TMR_BLK is set (ACPI §5.2.9)",
			fa->pm_timer_len);

	uint8_t b;
	if (acpi_get8(&c, 128, &b) && acpi_get_gas(&c, 116, &fa->reset_reg)) {
		fa->reset_value = b;
		fa->has_reset_reg = (fa->flags & ACPI_FADT_RESET_REG_SUP) != 0;
		if (fa->has_reset_reg && !fa->reset_reg.address)
			finding_add_check(f, &fadt_check_reset_reg_zero, FINDING_WARNING, "FACP",
					  116,
					  "RESET_REG_SUP is set but RESET_REG's address is 0 (ACPI "
					  "§4.8.3.6)");
	}
	if (acpi_get16(&c, 129, &fa->arm_boot_arch)) {
		fa->has_arm_boot_arch = true;
		fa->psci_compliant = fa->arm_boot_arch & ACPI_FADT_ARM_PSCI_COMPLIANT;
		fa->psci_use_hvc = fa->arm_boot_arch & ACPI_FADT_ARM_PSCI_USE_HVC;
		if (fa->arm_boot_arch & ~3u)
			finding_add_check(
				f, &fadt_check_arm_reserved, FINDING_WARNING, "FACP", 129,
				"ARM_BOOT_ARCH 0x%04x: bits 15:2 are reserved (ACPI §5.2.9.4)",
				fa->arm_boot_arch);
		if (fa->psci_use_hvc && !fa->psci_compliant)
			finding_add_check(
				f, &fadt_check_hvc_alone, FINDING_WARNING, "FACP", 129,
				"PSCI_USE_HVC set without PSCI_COMPLIANT (ACPI §5.2.9.4)");
	}
	acpi_get8(&c, 131, &fa->minor_revision);

	uint32_t dsdt32 = acpi_u32(&c, 40), facs32 = acpi_u32(&c, 36);
	uint64_t x = 0;
	fa->dsdt = (acpi_get64(&c, 140, &x) && x) ? x : dsdt32;
	x = 0;
	fa->facs = (acpi_get64(&c, 132, &x) && x) ? x : facs32;

	/* Revision 1 is 116 bytes; 2 adds through ARM-era fields at 129; 3+ through 244. */
	if (fa->revision >= 3 && c.len < 244)
		finding_add_check(
			f, &fadt_check_length_short, FINDING_WARNING, "FACP", 4,
			"revision %u FADT is %u bytes: revision 3 and later have at least 244 "
			"(ACPI §5.2.9)",
			fa->revision, c.len);
	fadt_hypervisor(&c, fa, f);
	return 0;
}
