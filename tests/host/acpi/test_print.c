/* SPDX-License-Identifier: MIT */
/*
 * `# fact` lines and the acpidump-format dump: exact output, and a round
 * trip through the host's acpixtract and iasl (skipped when not installed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drivers/acpi/acpi_platform.h"
#include "drivers/acpi/acpi_print.h"
#include "support_acpi.h"

static struct acpi_tables t;
static struct acpi_platform p;
static struct findings f;
static char tmpdir[] = "/tmp/doorbell-acpi-XXXXXX";

/* Runs fn with stdout sent to path. */
static void capture(const char *path, void (*fn)(void))
{
	fflush(stdout);
	int saved = dup(1);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 1);
	close(fd);
	fn();
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
}

static char *read_text(const char *path)
{
	uint32_t len;
	uint8_t *d = read_file(path, &len);
	assert_non_null(d);
	char *s = malloc(len + 1);
	memcpy(s, d, len);
	s[len] = '\0';
	free(d);
	return s;
}

static uint8_t *dmar_data, *iort_data;
static uint32_t dmar_len, iort_len;

static void load_qemu(void)
{
	free(dmar_data);
	free(iort_data);
	char path[4096];
	snprintf(path, sizeof(path), "%s/DMAR/QEMU-q35-dmar.dat", CORPUS_DIR);
	dmar_data = read_file(path, &dmar_len);
	snprintf(path, sizeof(path), "%s/IORT/QEMU-virt-default.dat", CORPUS_DIR);
	iort_data = read_file(path, &iort_len);
	assert_non_null(dmar_data);
	assert_non_null(iort_data);
	acpi_tables_init(&t);
	findings_init(&f);
	assert_int_equal(acpi_tables_add(&t, dmar_data, dmar_len, &f), 0);
	assert_int_equal(acpi_tables_add(&t, iort_data, iort_len, &f), 0);
	t.table[0].phys = 0x7ffe1000;
	acpi_platform_init(&p);
	assert_int_equal(acpi_platform_parse(&p, &t, &f), 0);
	assert_int_equal(f.count, 0);
}

static void print_facts(void)
{
	acpi_print_facts(&p);
}

static void print_dump(void)
{
	acpi_print_dump_all(&t);
}

static void test_print_facts(void **state)
{
	load_qemu();
	char path[4200];
	snprintf(path, sizeof(path), "%s/facts.txt", tmpdir);
	capture(path, print_facts);
	char *s = read_text(path);
	static const char *const want[] = {
		"# fact dmar.count=1\n",
		"# fact dmar.flags=0x01\n",
		"# fact dmar.intr_remap=1\n",
		"# fact dmar.x2apic_opt_out=0\n",
		"# fact dmar.dma_ctrl_platform_opt_in=0\n",
		"# fact dmar.experimental_ims_opt_in=0\n",
		"# fact dmar.drhd_count=1\n",
		"# fact dmar.drhd_bases=0xfed90000\n",
		"# fact iort.present=1\n",
		"# fact iort.revision=3\n",
		"# fact iort.its_groups=1\n",
		"# fact iort.smmuv3=0\n",
		"# fact iort.rmr=0\n",
		"# fact iort.rid0_device_id=0x0\n",
		"# fact fadt.hypervisor_vendor=none\n",
		"# fact madt.lapic=none\n",
		"# fact mcfg.entries=none\n",
		"# fact ivrs.present=0\n",
		"# fact hpet.number=none\n",
	};
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		if (!strstr(s, want[i]))
			fail_msg("missing fact line: %s", want[i]);
	}
	free(s);

	/* No DMAR at all: dmar.count=0 and the other dmar keys none. */
	struct acpi_platform empty;
	acpi_platform_init(&empty);
	p = empty;
	capture(path, print_facts);
	s = read_text(path);
	assert_non_null(strstr(s, "# fact dmar.count=0\n# fact dmar.flags=none\n"));
	assert_non_null(strstr(s, "# fact iort.present=0\n# fact iort.revision=none\n"));
	free(s);
}

static void test_print_dump_format(void **state)
{
	load_qemu();
	char path[4200];
	snprintf(path, sizeof(path), "%s/dump.txt", tmpdir);
	capture(path, print_dump);
	char *s = read_text(path);
	const char *head = "DMAR @ 0x000000007FFE1000\n"
			   "    0000: 44 4D 41 52 78 00 00 00 01 15 42 4F 43 48 53 20  "
			   "DMARx.....BOCHS \n";
	assert_memory_equal(s, head, strlen(head));
	assert_non_null(strstr(s, "    0070: 02 00 08 00 01 00 00 00                          "
				  "........\n\nIORT @ 0x0000000000000000\n"));
	free(s);
}

static void test_print_acpixtract_round_trip(void **state)
{
	if (system("command -v acpixtract >/dev/null 2>&1 && command -v iasl >/dev/null 2>&1")) {
		printf("# SKIP acpixtract/iasl not installed\n");
		skip();
	}
	load_qemu();
	char path[4200], cmd[9000];
	snprintf(path, sizeof(path), "%s/rt.txt", tmpdir);
	capture(path, print_dump);
	snprintf(
		cmd, sizeof(cmd),
		"cd %s && acpixtract -a rt.txt >/dev/null 2>&1 && iasl -d dmar.dat >/dev/null 2>&1 "
		"&& iasl -d iort.dat >/dev/null 2>&1",
		tmpdir);
	assert_int_equal(system(cmd), 0);
	uint32_t len;
	snprintf(path, sizeof(path), "%s/dmar.dat", tmpdir);
	uint8_t *back = read_file(path, &len);
	assert_non_null(back);
	assert_int_equal(len, dmar_len);
	assert_memory_equal(back, dmar_data, len);
	free(back);
	snprintf(path, sizeof(path), "%s/iort.dat", tmpdir);
	back = read_file(path, &len);
	assert_non_null(back);
	assert_int_equal(len, iort_len);
	assert_memory_equal(back, iort_data, len);
	free(back);
	/* iasl decoded the DRHD's register base. */
	snprintf(path, sizeof(path), "%s/dmar.dsl", tmpdir);
	char *dsl = read_text(path);
	assert_non_null(strstr(dsl, "00000000FED90000"));
	free(dsl);
}

static int setup(void **state)
{
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	free(dmar_data);
	free(iort_data);
	char cmd[200];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_print_facts),
		cmocka_unit_test(test_print_dump_format),
		cmocka_unit_test(test_print_acpixtract_round_trip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
