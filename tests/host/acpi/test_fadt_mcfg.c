/* SPDX-License-Identifier: MIT */
/* FADT, MCFG, SPCR and IVRS parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "drivers/acpi/acpi_fadt.h"
#include "drivers/acpi/acpi_ivrs.h"
#include "drivers/acpi/acpi_mcfg.h"
#include "drivers/acpi/acpi_spcr.h"
#include "support_acpi.h"

static struct findings f;
static struct tb b;

static void fadt(uint8_t rev, uint32_t len)
{
	tb_init(&b, "FACP", rev);
	tb_zero(&b, len - 36);
}

static void test_fadt_arm_qemu_like(void **state)
{
	struct acpi_fadt fa;
	fadt(6, 276);
	tb_set32(&b, 112, ACPI_FADT_HW_REDUCED_ACPI);
	tb_set16(&b, 129, ACPI_FADT_ARM_PSCI_COMPLIANT | ACPI_FADT_ARM_PSCI_USE_HVC);
	tb_set8(&b, 131, 3);
	memcpy(b.buf + 268, "QEMU", 4);
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_fadt_parse(b.buf, b.len, &fa, &f), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(fa.revision, 6);
	assert_int_equal(fa.minor_revision, 3);
	assert_true(fa.psci_compliant);
	assert_true(fa.psci_use_hvc);
	assert_int_equal(fa.hv_status, ACPI_FADT_HV_PRESENT);
	assert_string_equal(fa.hypervisor_vendor, "QEMU");
	assert_int_equal(fa.hypervisor_vendor_raw, 0x554d4551);
}

static void test_fadt_short_rev6(void **state)
{
	struct acpi_fadt fa;
	fadt(6, 268);
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_fadt_parse(b.buf, b.len, &fa, &f), 0);
	assert_int_equal(fa.hv_status, ACPI_FADT_HV_SHORT);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_INFO, 4));
	assert_string_equal(acpi_fadt_hv_status_name(fa.hv_status), "short");
}

static void test_fadt_x86_timer_reset(void **state)
{
	struct acpi_fadt fa;
	fadt(3, 244);
	tb_set32(&b, 76, 0x608);
	tb_set8(&b, 91, 4);
	tb_set32(&b, 112, ACPI_FADT_RESET_REG_SUP | ACPI_FADT_TMR_VAL_EXT);
	tb_set8(&b, 116, 1);
	tb_set8(&b, 117, 8);
	tb_set32(&b, 120, 0xcf9);
	tb_set8(&b, 128, 0x0f);
	tb_set32(&b, 40, 0x7fe00000);
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_fadt_parse(b.buf, b.len, &fa, &f), 0);
	assert_int_equal(f.count, 0);
	assert_false(fa.pm_timer_from_x);
	assert_int_equal(fa.pm_timer.address, 0x608);
	assert_int_equal(fa.pm_timer.space_id, 1);
	assert_true(fa.pm_timer_32bit);
	assert_true(fa.has_reset_reg);
	assert_int_equal(fa.reset_reg.address, 0xcf9);
	assert_int_equal(fa.reset_value, 0x0f);
	assert_int_equal(fa.dsdt, 0x7fe00000);
	assert_int_equal(fa.hv_status, ACPI_FADT_HV_SHORT);
	/* X_PM_TMR_BLK wins when set. */
	tb_set8(&b, 208, 1);
	tb_set32(&b, 212, 0xb008);
	tb_finish(&b);
	assert_int_equal(acpi_fadt_parse(b.buf, b.len, &fa, &f), 0);
	assert_true(fa.pm_timer_from_x);
	assert_int_equal(fa.pm_timer.address, 0xb008);
	/* PM_TMR_LEN must be 4. */
	tb_set8(&b, 208, 0);
	tb_set32(&b, 212, 0);
	tb_set8(&b, 91, 2);
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_fadt_parse(b.buf, b.len, &fa, &f), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_WARNING, 91));
}

static void test_fadt_rev1_and_short(void **state)
{
	struct acpi_fadt fa;
	fadt(1, 116);
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_fadt_parse(b.buf, b.len, &fa, &f), 0);
	assert_int_equal(f.count, 0);
	assert_false(fa.has_arm_boot_arch);
	assert_false(fa.has_reset_reg);
	fadt(3, 200); /* revision 3 needs 244 */
	tb_finish(&b);
	assert_int_equal(acpi_fadt_parse(b.buf, b.len, &fa, &f), 0);
	assert_int_equal(f.count, 1);
	fadt(1, 100);
	tb_finish(&b);
	assert_int_equal(acpi_fadt_parse(b.buf, b.len, &fa, &f), -EBADMSG);
	/* Vendor in a pre-6 table: a warning. */
	fadt(5, 276);
	memcpy(b.buf + 268, "KVMKVMKV", 8);
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_fadt_parse(b.buf, b.len, &fa, &f), 0);
	assert_string_equal(fa.hypervisor_vendor, "KVMKVMKV");
	/* ... and not the field: revision 5 has no hypervisor vendor identity. */
	assert_int_equal(fa.hv_status, ACPI_FADT_HV_NO_FIELD);
	assert_string_equal(acpi_fadt_hv_status_name(fa.hv_status), "no-field");
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_WARNING, 268));
}

static void test_mcfg(void **state)
{
	struct acpi_mcfg m;
	tb_init(&b, "MCFG", 1);
	tb_zero(&b, 8);
	tb_u64(&b, 0x4010000000ull);
	tb_u16(&b, 0);
	tb_u8(&b, 0);
	tb_u8(&b, 0xff);
	tb_u32(&b, 0);
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_mcfg_parse(b.buf, b.len, &m, &f), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(m.entry_count, 1);
	assert_int_equal(m.entry[0].base, 0x4010000000ull);
	assert_int_equal(m.entry[0].bus_end, 0xff);
	/* Second entry: unaligned base, start > end, overlap; plus a partial entry. */
	tb_u64(&b, 0xe0000800);
	tb_u16(&b, 0);
	tb_u8(&b, 0x20);
	tb_u8(&b, 0x10);
	tb_u32(&b, 0);
	tb_u64(&b, 0xe0000000);
	tb_u16(&b, 0);
	tb_u8(&b, 0x80);
	tb_u8(&b, 0x90);
	tb_u32(&b, 0);
	tb_u32(&b, 0);
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_mcfg_parse(b.buf, b.len, &m, &f), 0);
	assert_int_equal(m.entry_count, 3);
	assert_non_null(find_at(&f, FINDING_ERROR, 4));       /* partial entry */
	assert_non_null(find_at(&f, FINDING_ERROR, 60 + 10)); /* start > end */
	assert_non_null(find_at(&f, FINDING_ERROR, 60));      /* alignment */
	assert_non_null(find_at(&f, FINDING_WARNING, 60));    /* buses 0x10-0x20 in entry 0's */
	assert_non_null(find_at(&f, FINDING_WARNING, 76));    /* overlaps entry 0 */
	assert_int_equal(nfind(&f, FINDING_WARNING), 2);
	assert_int_equal(f.count, 5);
	/* No entries (Snapdragon 850 laptops). */
	tb_init(&b, "MCFG", 1);
	tb_zero(&b, 8);
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_mcfg_parse(b.buf, b.len, &m, &f), 0);
	assert_int_equal(m.entry_count, 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(acpi_mcfg_parse(b.buf, 40, &m, &f), -EBADMSG);
}

static void test_spcr(void **state)
{
	struct acpi_spcr s;
	tb_init(&b, "SPCR", 2);
	tb_zero(&b, 80 - 36);
	tb_set8(&b, 36, 3); /* PL011 */
	tb_set8(&b, 40, 0);
	tb_set8(&b, 41, 32);
	tb_set32(&b, 44, 0x09000000);
	tb_set8(&b, 52, ACPI_SPCR_IRQ_GIC);
	tb_set32(&b, 54, 33);
	tb_set8(&b, 58, 7);
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_spcr_parse(b.buf, b.len, &s, &f), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(s.interface_type, 3);
	assert_int_equal(s.base.address, 0x09000000);
	assert_int_equal(s.gsiv, 33);
	assert_int_equal(s.baud, 115200);
	tb_set8(&b, 58, 5);
	tb_finish(&b);
	assert_int_equal(acpi_spcr_parse(b.buf, b.len, &s, &f), 0);
	assert_int_equal(f.count, 1);
	assert_non_null(find_at(&f, FINDING_WARNING, 58));
}

static void test_ivrs(void **state)
{
	struct acpi_ivrs v;
	tb_init(&b, "IVRS", 2);
	tb_u32(&b, 0x203040);
	tb_zero(&b, 8);
	tb_u8(&b, 0x10);
	tb_u8(&b, 0xb0);
	tb_u16(&b, 24);
	tb_u16(&b, 2);
	tb_u16(&b, 0x40);
	tb_u64(&b, 0xfeb80000);
	tb_u16(&b, 0);
	tb_u16(&b, 0);
	tb_u32(&b, 0);
	tb_u8(&b, 0x21);
	tb_u8(&b, 0);
	tb_u16(&b, 32);
	tb_zero(&b, 28);
	tb_u8(&b, 0x51);
	tb_u8(&b, 0);
	tb_u16(&b, 8);
	tb_zero(&b, 4);
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_ivrs_parse(b.buf, b.len, &v, &f), 0);
	assert_int_equal(f.count, 2); /* IVMD flags 0, block type 0x51 */
	assert_string_equal(finding_id(&f.item[0]), "ivrs.ivmd-no-action");
	assert_string_equal(finding_id(&f.item[1]), "ivrs.block-type-unknown");
	assert_int_equal(v.ivhd_count, 1);
	assert_int_equal(v.ivhd[0].base, 0xfeb80000);
	assert_int_equal(v.ivmd_count, 1);
	assert_int_equal(v.unknown_count, 1);
	tb_set16(&b, 50, 0); /* IVHD length 0 */
	tb_finish(&b);
	findings_init(&f);
	assert_int_equal(acpi_ivrs_parse(b.buf, b.len, &v, &f), 0);
	assert_true(v.truncated);
	assert_int_equal(f.count, 2); /* the walk stops; no IVHD was read */
	assert_string_equal(finding_id(&f.item[1]), "ivrs.no-ivhd");
	assert_non_null(find_at(&f, FINDING_ERROR, 50));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fadt_arm_qemu_like),
		cmocka_unit_test(test_fadt_short_rev6),
		cmocka_unit_test(test_fadt_x86_timer_reset),
		cmocka_unit_test(test_fadt_rev1_and_short),
		cmocka_unit_test(test_mcfg),
		cmocka_unit_test(test_spcr),
		cmocka_unit_test(test_ivrs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
