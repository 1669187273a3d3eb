/* SPDX-License-Identifier: MIT */
/* Table walk over a fake physical memory: RSDP rev 0/2, XSDT/RSDT, FADT references. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "drivers/acpi/acpi_tables.h"
#include "support_acpi.h"

#define MEM_SIZE 0x10000u
static uint8_t mem[MEM_SIZE];
static struct acpi_tables t;
static struct findings f;

static const void *fake_map(void *ctx, uint64_t phys, uint64_t len)
{
	(void)ctx;
	if (phys >= MEM_SIZE || len > MEM_SIZE - phys)
		return NULL;
	return mem + phys;
}

static void put(uint64_t phys, const struct tb *b)
{
	memcpy(mem + phys, b->buf, b->len);
}

static void rsdp(uint64_t at, uint8_t rev, uint32_t rsdt, uint64_t xsdt)
{
	uint8_t *r = mem + at;
	memset(r, 0, 36);
	memcpy(r, "RSD PTR ", 8);
	memcpy(r + 9, "DOORBL", 6);
	r[15] = rev;
	memcpy(r + 16, &rsdt, 4);
	uint32_t len = 36;
	memcpy(r + 20, &len, 4);
	memcpy(r + 24, &xsdt, 8);
	r[8] = (uint8_t)(0x100 - acpi_checksum(r, 20));
	r[32] = (uint8_t)(0x100 - acpi_checksum(r, 36));
}

static void root(uint64_t at, const char *sig, const uint64_t *ents, unsigned n)
{
	struct tb b;
	tb_init(&b, sig, 1);
	for (unsigned i = 0; i < n; i++) {
		if (sig[0] == 'X')
			tb_u64(&b, ents[i]);
		else
			tb_u32(&b, (uint32_t)ents[i]);
	}
	tb_finish(&b);
	put(at, &b);
}

static void simple(uint64_t at, const char *sig, uint32_t body)
{
	struct tb b;
	tb_init(&b, sig, 1);
	tb_zero(&b, body);
	tb_finish(&b);
	put(at, &b);
}

/* FADT rev 6 of 276 bytes with FIRMWARE_CTRL/DSDT and X_ fields. */
static void fadt(uint64_t at, uint32_t dsdt, uint64_t xdsdt, uint32_t facs)
{
	struct tb b;
	tb_init(&b, "FACP", 6);
	tb_zero(&b, 276 - 36);
	tb_set32(&b, 36, facs);
	tb_set32(&b, 40, dsdt);
	tb_set32(&b, 140, (uint32_t)xdsdt);
	tb_set32(&b, 144, (uint32_t)(xdsdt >> 32));
	tb_finish(&b);
	put(at, &b);
}

static void facs(uint64_t at)
{
	memset(mem + at, 0, 64);
	memcpy(mem + at, "FACS", 4);
	mem[at + 4] = 64;
}

static void setup_standard(void)
{
	memset(mem, 0, sizeof(mem));
	rsdp(0x1000, 2, 0x1800, 0x2000);
	uint64_t ents[] = {0x3000, 0x4000};
	root(0x2000, "XSDT", ents, 2);
	root(0x1800, "RSDT", ents, 2);
	fadt(0x3000, 0x5000, 0x5000, 0x6000);
	simple(0x4000, "DMAR", 12);
	simple(0x5000, "DSDT", 100);
	facs(0x6000);
	findings_init(&f);
}

static void test_tables_load_xsdt(void **state)
{
	setup_standard();
	assert_int_equal(acpi_tables_load(&t, 0x1000, fake_map, NULL, &f), 0);
	assert_int_equal(f.count, 0);
	assert_true(t.used_xsdt);
	assert_int_equal(t.root_phys, 0x2000);
	assert_int_equal(t.rsdp_revision, 2);
	assert_true(t.rsdp_checksum_ok);
	assert_true(t.rsdp_ext_checksum_ok);
	assert_true(t.root_checksum_ok);
	assert_string_equal(t.oem_id, "DOORBL");
	assert_int_equal(t.count, 4);
	assert_string_equal(t.table[0].sig, "FACP");
	assert_string_equal(t.table[1].sig, "DMAR");
	assert_string_equal(t.table[2].sig, "DSDT");
	assert_string_equal(t.table[3].sig, "FACS");
	assert_int_equal(t.table[3].length, 64);
	assert_int_equal(t.table[1].phys, 0x4000);
	assert_int_equal(t.table[1].length, 48);
	assert_true(t.table[1].checksum_ok);
	assert_non_null(acpi_table_find(&t, "DMAR", 0));
	assert_null(acpi_table_find(&t, "DMAR", 1));
	assert_int_equal(acpi_table_count(&t, "DSDT"), 1);
}

static void test_tables_rsdt_fallback(void **state)
{
	setup_standard();
	memcpy(mem + 0x2000, "XXXX", 4);
	assert_int_equal(acpi_tables_load(&t, 0x1000, fake_map, NULL, &f), 0);
	assert_false(t.used_xsdt);
	assert_int_equal(t.root_phys, 0x1800);
	assert_int_equal(t.count, 4);
	assert_int_equal(nfind(&f, FINDING_ERROR), 1);   /* the XSDT address */
	assert_int_equal(nfind(&f, FINDING_WARNING), 1); /* the fallback */
	assert_non_null(find_at(&f, FINDING_ERROR, 24));
}

static void test_tables_rsdp_rev0(void **state)
{
	setup_standard();
	rsdp(0x1000, 0, 0x1800, 0);
	assert_int_equal(acpi_tables_load(&t, 0x1000, fake_map, NULL, &f), 0);
	assert_int_equal(f.count, 0);
	assert_false(t.used_xsdt);
	assert_int_equal(t.count, 4);
}

static void test_tables_bad_checksums(void **state)
{
	setup_standard();
	mem[0x1000 + 8] ^= 1; /* RSDP checksum */
	mem[0x4000 + 40] = 1; /* DMAR body changed after its checksum */
	assert_int_equal(acpi_tables_load(&t, 0x1000, fake_map, NULL, &f), 0);
	assert_false(t.rsdp_checksum_ok);
	assert_true(t.rsdp_ext_checksum_ok == false);
	const struct acpi_table *d = acpi_table_find(&t, "DMAR", 0);
	assert_non_null(d);
	assert_false(d->checksum_ok);
	/* RSDP first-20 checksum, RSDP extended checksum, DMAR checksum. */
	assert_int_equal(nfind(&f, FINDING_ERROR), 3);
	assert_non_null(find_at(&f, FINDING_ERROR, 9));
}

static void test_tables_bad_entries(void **state)
{
	setup_standard();
	uint64_t ents[] = {0x3000, 0xfffff000, 0, 0x7000, 0x3000};
	root(0x2000, "XSDT", ents, 5);
	memcpy(mem + 0x7000, "ABCD", 4); /* length 0 */
	assert_int_equal(acpi_tables_load(&t, 0x1000, fake_map, NULL, &f), 0);
	assert_int_equal(t.count, 3);                      /* FACP, DSDT, FACS */
	assert_non_null(find_at(&f, FINDING_ERROR, 44));   /* unmappable */
	assert_non_null(find_at(&f, FINDING_ERROR, 52));   /* address 0 */
	assert_non_null(find_at(&f, FINDING_ERROR, 60));   /* not a table */
	assert_non_null(find_at(&f, FINDING_WARNING, 68)); /* listed twice */
	assert_int_equal(f.count, 4);
}

static void test_tables_no_rsdp(void **state)
{
	setup_standard();
	assert_int_equal(acpi_tables_load(&t, 0x1100, fake_map, NULL, &f), -EINVAL);
	assert_int_equal(acpi_tables_load(&t, 0xfffffff0, fake_map, NULL, &f), -EINVAL);
	assert_int_equal(acpi_tables_load(&t, 0, fake_map, NULL, &f), -EINVAL);
	assert_int_equal(f.count, 3);
	rsdp(0x1000, 2, 0, 0x9000); /* root points at nothing */
	findings_init(&f);
	assert_int_equal(acpi_tables_load(&t, 0x1000, fake_map, NULL, &f), -EFAULT);
	assert_int_equal(t.count, 0);
}

static void test_tables_add_override(void **state)
{
	static struct tb a, o, n;
	acpi_tables_init(&t);
	findings_init(&f);
	tb_init(&a, "DMAR", 1);
	tb_zero(&a, 12);
	tb_finish(&a);
	assert_int_equal(acpi_tables_add(&t, a.buf, a.len, &f), 0);
	assert_int_equal(acpi_tables_add(&t, a.buf, a.len, &f), 0);
	assert_int_equal(acpi_table_count(&t, "DMAR"), 2);
	assert_int_equal(acpi_tables_add(&t, a.buf, 20, &f), -EINVAL);
	assert_int_equal(acpi_tables_add(&t, a.buf, a.len - 1, &f), -EINVAL);
	assert_int_equal(f.count, 0);

	tb_init(&o, "DMAR", 1);
	tb_zero(&o, 20);
	tb_finish(&o);
	o.buf[9] ^= 0x55; /* bad checksum: still taken, with an error */
	assert_int_equal(acpi_tables_override(&t, o.buf, o.len, &f), 0);
	const struct acpi_table *d = acpi_table_find(&t, "DMAR", 0);
	assert_true(d->overridden);
	assert_false(d->checksum_ok);
	assert_int_equal(d->length, 56);
	assert_false(acpi_table_find(&t, "DMAR", 1)->overridden);
	assert_int_equal(nfind(&f, FINDING_ERROR), 1);
	assert_int_equal(nfind(&f, FINDING_INFO), 1);

	tb_init(&n, "IORT", 3);
	tb_zero(&n, 12);
	tb_finish(&n);
	assert_int_equal(acpi_tables_override(&t, n.buf, n.len, &f), 0);
	assert_int_equal(t.count, 3);
	assert_true(acpi_table_find(&t, "IORT", 0)->overridden);

	for (unsigned i = t.count; i < ACPI_MAX_TABLES; i++)
		assert_int_equal(acpi_tables_add(&t, a.buf, a.len, &f), 0);
	assert_int_equal(acpi_tables_add(&t, a.buf, a.len, &f), -ENOSPC);
	memcpy(n.buf, "\x01\x02\x03\x04", 4);
	assert_int_equal(acpi_tables_add(&t, n.buf, n.len, &f), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_load_xsdt),
		cmocka_unit_test(test_tables_rsdt_fallback),
		cmocka_unit_test(test_tables_rsdp_rev0),
		cmocka_unit_test(test_tables_bad_checksums),
		cmocka_unit_test(test_tables_bad_entries),
		cmocka_unit_test(test_tables_no_rsdp),
		cmocka_unit_test(test_tables_add_override),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
