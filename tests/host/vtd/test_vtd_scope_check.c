/* SPDX-License-Identifier: MIT */
/*
 * DMAR PCI device scopes against the PCI functions
 * (drivers/iommu/vtd/vtd_scope_check.c): the verdict on one scope from the
 * resolved path, header layout and class, and the findings over a fake
 * topology: a root port 00:02.0 with endpoint 01:00.0 behind it, the ISA
 * bridge 00:1f.0 (class 06h, header 0) and the SATA controller 00:1f.2.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/acpi/acpi_dmar.h"
#include "drivers/iommu/vtd/vtd_scope_check.h"
#include "kernel/errno.h"

#define RID(b, d, f) ((uint16_t)((b) << 8 | (d) << 3 | (f)))

struct fake_fn {
	uint16_t rid;
	uint8_t header, base_class, secondary;
};
static const struct fake_fn fns[] = {
	{RID(0, 2, 0), 0x81, 0x06, 1},    /* root port, multi-function bit set */
	{RID(1, 0, 0), 0x00, 0x02, 0},    /* network controller */
	{RID(0, 0x1f, 0), 0x80, 0x06, 0}, /* ISA bridge: header 0, class 06h */
	{RID(0, 0x1f, 2), 0x00, 0x01, 0}, /* SATA */
};
#define FN_COUNT (sizeof(fns) / sizeof(fns[0]))

static const struct fake_fn *fn_at(uint16_t segment, uint16_t rid)
{
	for (unsigned i = 0; segment == 0 && i < FN_COUNT; i++)
		if (fns[i].rid == rid)
			return &fns[i];
	return NULL;
}

static int fake_secondary(void *ctx, uint16_t segment, uint8_t bus, uint8_t devfn)
{
	const struct fake_fn *x = fn_at(segment, (uint16_t)(bus << 8 | devfn));
	return x && (x->header & 0x7f) == 1 ? x->secondary : -1;
}

static int fake_upstream(void *ctx, uint16_t segment, uint8_t bus)
{
	for (unsigned i = 0; segment == 0 && i < FN_COUNT; i++)
		if ((fns[i].header & 0x7f) == 1 && fns[i].secondary == bus)
			return fns[i].rid;
	return -1;
}

static int fake_header(void *ctx, uint16_t segment, uint16_t rid)
{
	const struct fake_fn *x = fn_at(segment, rid);
	return x ? x->header & 0x7f : -1;
}

static int fake_class(void *ctx, uint16_t segment, uint16_t rid)
{
	const struct fake_fn *x = fn_at(segment, rid);
	return x ? x->base_class : -1;
}

static const struct vtd_scope_pci pci = {fake_secondary, fake_upstream, NULL};
static const struct vtd_scope_fn fn = {fake_header, fake_class, NULL};

static struct acpi_dmar d;
static struct findings f;

static void dmar_init(void)
{
	memset(&d, 0, sizeof(d));
	findings_init(&f);
	d.drhd[0] = (struct acpi_dmar_drhd){.offset = 0x30, .segment = 0, .reg_base = 0xfed90000};
	d.drhd_count = 1;
	d.rmrr[0] = (struct acpi_dmar_rmrr){.offset = 0x80, .segment = 0};
	d.rmrr_count = 1;
}

static void add_scope(uint8_t type, uint8_t owner, uint8_t bus, unsigned n, const uint8_t *path)
{
	struct acpi_dmar_scope *s = &d.scope[d.scope_count];
	*s = (struct acpi_dmar_scope){.type = type,
				      .length = (uint8_t)(6 + 2 * n),
				      .start_bus = bus,
				      .owner_type = owner,
				      .offset = 0x40 + 8 * d.scope_count,
				      .path_count = (uint8_t)n};
	for (unsigned i = 0; i < n; i++)
		s->path[i] = (struct acpi_dmar_path){path[2 * i], path[2 * i + 1]};
	d.scope_count++;
}

static void test_fit(void **state)
{
	(void)state;
	const uint8_t ep = ACPI_DMAR_SCOPE_PCI_ENDPOINT, br = ACPI_DMAR_SCOPE_PCI_BRIDGE;
	assert_int_equal(vtd_scope_fit(ep, 0x10, 0, 0x02), VTD_SCOPE_FIT_OK);
	assert_int_equal(vtd_scope_fit(ep, 0x10, 1, 0x06), VTD_SCOPE_FIT_WRONG_TYPE);
	assert_int_equal(vtd_scope_fit(ep, 0x10, 2, 0x06), VTD_SCOPE_FIT_WRONG_TYPE);
	assert_int_equal(vtd_scope_fit(ep, 0x10, 0x81, 0x06), VTD_SCOPE_FIT_WRONG_TYPE);
	assert_int_equal(vtd_scope_fit(ep, 0x10, 0x80, 0x02), VTD_SCOPE_FIT_OK);
	assert_int_equal(vtd_scope_fit(br, 0x10, 1, 0x06), VTD_SCOPE_FIT_OK);
	assert_int_equal(vtd_scope_fit(br, 0x10, 2, 0x06), VTD_SCOPE_FIT_OK);
	assert_int_equal(vtd_scope_fit(br, 0x10, 0, 0x06), VTD_SCOPE_FIT_OK); /* NTB, host bridge */
	assert_int_equal(vtd_scope_fit(br, 0x10, 0, 0x01), VTD_SCOPE_FIT_WRONG_TYPE);
	assert_int_equal(vtd_scope_fit(ep, -ENOENT, -1, -1), VTD_SCOPE_FIT_NO_DEVICE);
	assert_int_equal(vtd_scope_fit(br, 0x10, -1, -1), VTD_SCOPE_FIT_NO_DEVICE);
	assert_int_equal(vtd_scope_fit(ACPI_DMAR_SCOPE_IOAPIC, 0x10, 0, 0), VTD_SCOPE_FIT_NOT_PCI);
	assert_int_equal(vtd_scope_fit(ACPI_DMAR_SCOPE_HPET, -1, -1, -1), VTD_SCOPE_FIT_NOT_PCI);
	assert_int_equal(vtd_scope_fit(0x05, 0x10, 0, 0), VTD_SCOPE_FIT_NOT_PCI);
}

/* A table whose scopes all fit: no finding. */
static void test_check_clean(void **state)
{
	(void)state;
	dmar_init();
	add_scope(ACPI_DMAR_SCOPE_PCI_BRIDGE, ACPI_DMAR_TYPE_DRHD, 0, 1, (uint8_t[]){2, 0});
	add_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, ACPI_DMAR_TYPE_DRHD, 0, 2, (uint8_t[]){2, 0, 0, 0});
	add_scope(ACPI_DMAR_SCOPE_PCI_BRIDGE, ACPI_DMAR_TYPE_DRHD, 0, 1, (uint8_t[]){0x1f, 0});
	add_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, ACPI_DMAR_TYPE_RMRR, 0, 1, (uint8_t[]){0x1f, 2});
	add_scope(ACPI_DMAR_SCOPE_IOAPIC, ACPI_DMAR_TYPE_DRHD, 0xff, 1, (uint8_t[]){0, 0});
	vtd_scope_check(&d, &pci, &fn, &f);
	assert_int_equal(f.count, 0);
}

static void test_check_findings(void **state)
{
	(void)state;
	dmar_init();
	add_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, ACPI_DMAR_TYPE_DRHD, 0, 1, (uint8_t[]){2, 0});
	add_scope(ACPI_DMAR_SCOPE_PCI_BRIDGE, ACPI_DMAR_TYPE_RMRR, 0, 1, (uint8_t[]){0x1f, 2});
	add_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, ACPI_DMAR_TYPE_DRHD, 0, 1, (uint8_t[]){0x1f, 7});
	/* 00:1f.2 is no bridge: the path breaks before its last element. */
	add_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, ACPI_DMAR_TYPE_DRHD, 0, 2,
		  (uint8_t[]){0x1f, 2, 0, 0});
	vtd_scope_check(&d, &pci, &fn, &f);
	assert_int_equal(f.count, 4);
	assert_int_equal(f.by_severity[FINDING_ERROR], 2);
	assert_int_equal(f.by_severity[FINDING_INFO], 2);
	assert_string_equal(finding_id(&f.item[0]), "dmar.scope-type-mismatch");
	assert_int_equal(f.item[0].offset, 0x40);
	assert_string_equal(f.item[0].text,
			    "DRHD PCI endpoint scope (type 0x01) names 0000:00:02.0, which is no "
			    "endpoint (header type 1, class 0x06) (VT-d §8.3.1)");
	assert_string_equal(finding_id(&f.item[1]), "dmar.scope-type-mismatch");
	assert_string_equal(f.item[1].text,
			    "RMRR PCI sub-hierarchy scope (type 0x02) names 0000:00:1f.2, an "
			    "endpoint, not a bridge (header type 0, class 0x01) (VT-d §8.3.1)");
	assert_string_equal(finding_id(&f.item[2]), "dmar.scope-no-device");
	assert_int_equal(f.item[2].severity, FINDING_INFO);
	assert_string_equal(f.item[2].text, "DRHD PCI endpoint scope names 0000:00:1f.7, where no "
					    "PCI function answers (VT-d §8.3.1)");
	assert_string_equal(finding_id(&f.item[3]), "dmar.scope-no-device");
	assert_string_equal(f.item[3].text,
			    "DRHD PCI endpoint scope (start bus 0x00, 2 path elements, last "
			    "00.0): the path crosses a function that is no bridge or is absent, it "
			    "reaches no device (VT-d §8.3.1)");
	assert_non_null(f.item[0].check->linux_does);
}

/* Owner indexes past the arrays, empty and truncated paths, a full scope array: skipped. */
static void test_check_hostile(void **state)
{
	(void)state;
	dmar_init();
	add_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, ACPI_DMAR_TYPE_DRHD, 0, 1, (uint8_t[]){0x1f, 7});
	d.scope[0].owner_index = 9;
	add_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, ACPI_DMAR_TYPE_ANDD, 0, 1, (uint8_t[]){0x1f, 7});
	add_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, ACPI_DMAR_TYPE_DRHD, 0, 0, (uint8_t[]){0});
	add_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, ACPI_DMAR_TYPE_DRHD, 0, 1, (uint8_t[]){0x1f, 7});
	d.scope[3].path_truncated = true;
	vtd_scope_check(&d, &pci, &fn, &f);
	assert_int_equal(f.count, 0);
	dmar_init();
	while (d.scope_count < ACPI_DMAR_MAX_SCOPES)
		add_scope(ACPI_DMAR_SCOPE_PCI_ENDPOINT, ACPI_DMAR_TYPE_DRHD, 0, 1,
			  (uint8_t[]){0x1f, 7});
	d.scope_count = 0xffff; /* beyond the array */
	vtd_scope_check(&d, &pci, &fn, &f);
	assert_int_equal(f.count, FINDINGS_MAX);
	assert_int_equal(f.dropped, ACPI_DMAR_MAX_SCOPES - FINDINGS_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_check_clean),
		cmocka_unit_test(test_check_findings),
		cmocka_unit_test(test_check_hostile),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
