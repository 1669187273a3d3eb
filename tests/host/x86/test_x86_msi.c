/* SPDX-License-Identifier: MIT */
/* x86 compatibility-format MSI compose and the APIC-ID map / MADT CPU list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arch/x86_64/apic_map.h"
#include "arch/x86_64/x86_msi.h"
#include "kernel/errno.h"

static void test_compose_basic(void **state)
{
	struct msi_msg m;
	assert_int_equal(x86_msi_compose(0, 0x31, false, &m), 0);
	assert_int_equal(m.address_lo, 0xfee00000u);
	assert_int_equal(m.address_hi, 0);
	assert_int_equal(m.data, 0x31);
	assert_int_equal(x86_msi_compose(3, 0xef, false, &m), 0);
	assert_int_equal(m.address_lo, 0xfee03000u);
	assert_int_equal(m.data, 0xef);
	assert_int_equal(x86_msi_compose(255, 0x20, false, &m), 0);
	assert_int_equal(m.address_lo, 0xfeeff000u);
	assert_int_equal(x86_msi_dest(&m, false), 255);
	assert_int_equal(x86_msi_vector(&m), 0x20);
}

static void test_compose_ext_dest(void **state)
{
	struct msi_msg m = {0x1234, 0x5678, 0x9abc};
	struct msi_msg keep = m;
	/* Without the extended destination ID, IDs above 255 cannot be named. */
	assert_int_equal(x86_msi_compose(256, 0x30, false, &m), -EINVAL);
	assert_memory_equal(&m, &keep, sizeof(m));
	/* With it, bits 14:8 go to address bits 11:5. */
	assert_int_equal(x86_msi_compose(0x1ff, 0x30, true, &m), 0);
	assert_int_equal(m.address_lo, 0xfee00000u | 0xff << 12 | 0x1 << 5);
	assert_int_equal(x86_msi_dest(&m, true), 0x1ff);
	assert_int_equal(x86_msi_compose(0x7fff, 0x30, true, &m), 0);
	assert_int_equal(m.address_lo, 0xfee00000u | 0xff << 12 | 0x7f << 5);
	assert_int_equal(x86_msi_dest(&m, true), 0x7fff);
	assert_int_equal(x86_msi_compose(0x8000, 0x30, true, &m), -EINVAL);
	/* Vectors 0-15 are illegal for interrupts. */
	assert_int_equal(x86_msi_compose(1, 0x0f, false, &m), -EINVAL);
	assert_int_equal(x86_msi_compose(1, 0x100, false, &m), -EINVAL);
}

static void test_apic_map(void **state)
{
	struct x86_apic_map m;
	x86_apic_map_init(&m);
	assert_int_equal(x86_apic_map_add(&m, 4), 0);
	assert_int_equal(x86_apic_map_add(&m, 0), 1);
	assert_int_equal(x86_apic_map_add(&m, 4), -EEXIST);
	assert_int_equal(x86_apic_map_add(&m, X86_APIC_ID_NONE), -EINVAL);
	assert_int_equal(x86_apic_map_index(&m, 0), 1);
	assert_int_equal(x86_apic_map_index(&m, 4), 0);
	assert_int_equal(x86_apic_map_index(&m, 7), -ENOENT);
	assert_int_equal(x86_apic_map_id(&m, 1), 0);
	assert_int_equal(x86_apic_map_id(&m, 2), X86_APIC_ID_NONE);
	for (uint32_t id = 100; m.count < IRQ_MAX_CPUS; id++)
		assert_true(x86_apic_map_add(&m, id) >= 0);
	assert_int_equal(x86_apic_map_add(&m, 99), -ENOSPC);
}

static void test_madt_cpus(void **state)
{
	static struct acpi_madt madt;
	memset(&madt, 0, sizeof(madt));
	const struct acpi_madt_lapic l[] = {
		{.uid = 0, .apic_id = 0, .flags = ACPI_MADT_CPU_ENABLED},
		{.uid = 1, .apic_id = 2, .flags = ACPI_MADT_CPU_ENABLED},
		{.uid = 2, .apic_id = 1, .flags = ACPI_MADT_CPU_ONLINE_CAPABLE}, /* not enabled */
		{.uid = 3, .apic_id = 6, .flags = ACPI_MADT_CPU_ENABLED},
		{.uid = 4, .apic_id = 0xff, .flags = ACPI_MADT_CPU_ENABLED}, /* placeholder */
	};
	memcpy(madt.lapic, l, sizeof(l));
	madt.lapic_count = 5;
	madt.x2apic[0] = (struct acpi_madt_lapic){.uid = 9, .apic_id = 300, .flags = 1};
	madt.x2apic[1] = (struct acpi_madt_lapic){.uid = 10, .apic_id = 6, .flags = 1}; /* dup */
	madt.x2apic_count = 2;

	uint32_t ids[8];
	/* The boot CPU first, then MADT order. */
	assert_int_equal(x86_madt_cpus(&madt, 6, ids, 8), 4);
	assert_int_equal(ids[0], 6);
	assert_int_equal(ids[1], 0);
	assert_int_equal(ids[2], 2);
	assert_int_equal(ids[3], 300);
	/* A boot CPU the MADT does not list is not invented. */
	assert_int_equal(x86_madt_cpus(&madt, 1, ids, 8), 4);
	assert_int_equal(ids[0], 0);
	/* Storage for 2: the total is still reported. */
	assert_int_equal(x86_madt_cpus(&madt, 0, ids, 2), 4);
	assert_int_equal(ids[0], 0);
	assert_int_equal(ids[1], 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compose_basic),
		cmocka_unit_test(test_compose_ext_dest),
		cmocka_unit_test(test_apic_map),
		cmocka_unit_test(test_madt_cpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
