/* SPDX-License-Identifier: MIT */
/* The per-device MSI parent: a device's ids from its IORT path, and the parent picked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kernel/msi_parent_pick.h"

static int pick_compose(struct irq_data *data, struct msi_msg *msg)
{
	return 0;
}

static const struct irq_domain_ops composing_ops = {.compose = pick_compose};
static const struct irq_domain_ops silent_ops = {0};

/* Without an IORT (x86, or an arm64 table set without one) every id is the requester id. */
static void test_ids_without_iort(void **state)
{
	struct irq_dev_ids ids;
	msi_parent_pick_ids(1, 0x0018, NULL, &ids);
	assert_int_equal(ids.segment, 1);
	assert_int_equal(ids.rid, 0x0018);
	assert_int_equal(ids.device_id, 0x0018);
	assert_int_equal(ids.stream_id, 0x0018);
}

/* Root complex -> ITS: the DeviceID is the IORT's; no SMMU, so the StreamID stays the rid. */
static void test_ids_its_only(void **state)
{
	struct acpi_iort_path path = {.has_smmu = false, .its_node = 2, .device_id = 0x10018};
	struct irq_dev_ids ids;
	msi_parent_pick_ids(0, 0x0018, &path, &ids);
	assert_int_equal(ids.rid, 0x0018);
	assert_int_equal(ids.device_id, 0x10018);
	assert_int_equal(ids.stream_id, 0x0018);
}

/* Root complex -> SMMUv3 -> ITS: StreamID and DeviceID each from their own mapping. */
static void test_ids_through_smmu(void **state)
{
	struct acpi_iort_path path = {
		.has_smmu = true, .stream_id = 0x218, .its_node = 1, .device_id = 0x418};
	struct irq_dev_ids ids;
	msi_parent_pick_ids(0, 0x0018, &path, &ids);
	assert_int_equal(ids.rid, 0x0018);
	assert_int_equal(ids.stream_id, 0x218);
	assert_int_equal(ids.device_id, 0x418);
}

/* A path that reaches no ITS group keeps the rid as DeviceID. */
static void test_ids_no_its_node(void **state)
{
	struct acpi_iort_path path = {.its_node = ACPI_IORT_NO_NODE, .device_id = 0x99};
	struct irq_dev_ids ids;
	msi_parent_pick_ids(0, 0x0020, &path, &ids);
	assert_int_equal(ids.device_id, 0x0020);
}

/* The remap domain that covers the device wins over the bottom, whatever the bottom does. */
static void test_pick_remap_first(void **state)
{
	struct irq_domain remap = {.name = "vtd-ir1", .ops = &silent_ops};
	struct irq_domain bottom = {.name = "vector", .ops = &composing_ops};
	assert_ptr_equal(msi_parent_pick(&remap, &bottom), &remap);
	assert_ptr_equal(msi_parent_pick(&remap, NULL), &remap);
}

/* No remap domain covers the device: a composing bottom (x86 vectors) serves it directly. */
static void test_pick_composing_bottom(void **state)
{
	struct irq_domain bottom = {.name = "vector", .ops = &composing_ops};
	assert_ptr_equal(msi_parent_pick(NULL, &bottom), &bottom);
}

/* arm64 LPIs compose nothing: without an ITS there is no parent. */
static void test_pick_none(void **state)
{
	struct irq_domain lpi = {.name = "lpi", .ops = &silent_ops};
	assert_null(msi_parent_pick(NULL, &lpi));
	assert_null(msi_parent_pick(NULL, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_without_iort),
		cmocka_unit_test(test_ids_its_only),
		cmocka_unit_test(test_ids_through_smmu),
		cmocka_unit_test(test_ids_no_its_node),
		cmocka_unit_test(test_pick_remap_first),
		cmocka_unit_test(test_pick_composing_bottom),
		cmocka_unit_test(test_pick_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
