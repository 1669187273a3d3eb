/* SPDX-License-Identifier: MIT */
/*
 * Every table of the firmware corpus (CORPUS_DIR, badsum/ included) goes
 * through acpi_tables_add and its parser: each parses or is rejected with
 * a specific errno, never a crash. Then known facts of QEMU's tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "drivers/acpi/acpi_platform.h"
#include "support_acpi.h"

struct sig_stats {
	const char *sig;
	unsigned files, parsed, rejected, badsum;
	unsigned sev[3];
};

static struct sig_stats stats[] = {
	{.sig = "APIC"}, {.sig = "DMAR"}, {.sig = "FACP"},
	{.sig = "IORT"}, {.sig = "IVRS"}, {.sig = "MCFG"},
};
#define NSIG (sizeof(stats) / sizeof(stats[0]))
static unsigned total_files, other_files;
static struct acpi_platform plat; /* large: static */

static void check_file(const char *path)
{
	static struct findings f;
	static struct acpi_tables t;
	uint32_t len = 0;
	uint8_t *data = read_file(path, &len);
	assert_non_null(data);
	total_files++;
	bool in_badsum = strstr(path, "/badsum/") != NULL;
	char sig[5] = {0};
	memcpy(sig, data, len >= 4 ? 4 : len);
	struct sig_stats *s = NULL;
	for (unsigned i = 0; i < NSIG; i++)
		if (!strcmp(stats[i].sig, sig))
			s = &stats[i];
	if (!s) {
		other_files++;
		printf("# corpus: unexpected signature in %s\n", path);
		free(data);
		return;
	}
	s->files++;
	findings_init(&f);
	acpi_tables_init(&t);
	/* Every corpus file is one whole table: the length field equals the file size. */
	assert_int_equal(acpi_tables_add(&t, data, len, &f), 0);
	assert_int_equal(t.table[0].length, len);
	assert_int_equal(t.table[0].checksum_ok, !in_badsum);
	if (in_badsum) {
		s->badsum++;
		assert_non_null(find_at(&f, FINDING_ERROR, 9));
	}
	int err = corpus_parse_table(sig, data, len, &plat, &f);
	if (err) {
		/* The only reasons: header unusable or fixed part missing, each with a finding. */
		assert_true(err == -EINVAL || err == -EBADMSG);
		printf("# corpus: %s rejected: %s\n", path, err == -EINVAL ? "EINVAL" : "EBADMSG");
		s->rejected++;
	} else {
		s->parsed++;
	}
	for (int k = 0; k < 3; k++)
		s->sev[k] += f.by_severity[k];
	free(data);
}

static void walk(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			walk(path);
			continue;
		}
		size_t n = strlen(e->d_name);
		if (n > 4 && !strcmp(e->d_name + n - 4, ".dat"))
			check_file(path);
	}
	closedir(d);
}

static void test_corpus_all(void **state)
{
	walk(CORPUS_DIR);
	printf("# corpus: %-4s %6s %6s %8s %6s %6s %8s %6s\n", "sig", "files", "parsed", "rejected",
	       "badsum", "info", "warning", "error");
	for (unsigned i = 0; i < NSIG; i++)
		printf("# corpus: %-4s %6u %6u %8u %6u %6u %8u %6u\n", stats[i].sig, stats[i].files,
		       stats[i].parsed, stats[i].rejected, stats[i].badsum, stats[i].sev[0],
		       stats[i].sev[1], stats[i].sev[2]);
	/* The README's counts, checked with find(1): 2014 .dat files. */
	assert_int_equal(total_files, 2014);
	assert_int_equal(other_files, 0);
	static const unsigned files[NSIG] = {627, 364, 466, 33, 132, 392};
	for (unsigned i = 0; i < NSIG; i++) {
		assert_int_equal(stats[i].files, files[i]);
		assert_int_equal(stats[i].parsed + stats[i].rejected, stats[i].files);
		assert_int_equal(stats[i].rejected, 0);
		assert_int_equal(stats[i].badsum,
				 stats[i].sig[0] == 'D' || stats[i].sig[1] == 'V' ? 0 : 1);
	}
}

static uint8_t *load(const char *rel, uint32_t *len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", CORPUS_DIR, rel);
	uint8_t *p = read_file(path, len);
	assert_non_null(p);
	return p;
}

static void test_corpus_qemu_q35_dmar(void **state)
{
	struct findings f;
	uint32_t len;
	uint8_t *p = load("DMAR/QEMU-q35-dmar.dat", &len);
	findings_init(&f);
	assert_int_equal(acpi_dmar_parse(p, len, &plat.dmar, &f), 0);
	assert_int_equal(f.count, 0);
	const struct acpi_dmar *d = &plat.dmar;
	assert_int_equal(d->flags, 0x01);
	assert_int_equal(d->host_address_width + 1, 39);
	assert_int_equal(d->drhd_count, 1);
	assert_int_equal(d->drhd[0].reg_base, 0xfed90000);
	assert_int_equal(d->drhd[0].flags, 0);
	assert_int_equal(d->drhd[0].scopes.count, 6);
	assert_int_equal(d->scope[0].type, ACPI_DMAR_SCOPE_IOAPIC);
	assert_int_equal(d->scope[0].start_bus, 0xff);
	assert_int_equal(d->scope[5].path[0].dev, 0x1f);
	assert_int_equal(d->scope[5].path[0].fn, 3);
	assert_int_equal(d->atsr_count, 1);
	assert_int_equal(d->atsr[0].flags, ACPI_DMAR_ATSR_ALL_PORTS);
	free(p);
}

static void test_corpus_qemu_virt(void **state)
{
	struct findings f;
	uint32_t len;
	uint8_t *p = load("IORT/QEMU-virt-default.dat", &len);
	findings_init(&f);
	assert_int_equal(acpi_iort_parse(p, len, &plat.iort, &f), 0);
	assert_int_equal(f.count, 0);
	const struct acpi_iort *io = &plat.iort;
	assert_int_equal(io->revision, 3);
	assert_int_equal(io->node_count, 2);
	assert_int_equal(io->type_count[ACPI_IORT_ITS_GROUP], 1);
	assert_int_equal(io->type_count[ACPI_IORT_ROOT_COMPLEX], 1);
	assert_int_equal(io->type_count[ACPI_IORT_SMMUV3], 0);
	assert_int_equal(io->node[1].u.rc.segment, 0);
	assert_int_equal(io->mapping[0].id_count, 0xffff);
	struct acpi_iort_path path;
	assert_int_equal(acpi_iort_map_rid(io, 0, 0x0801, &path), 0);
	assert_int_equal(path.device_id, 0x0801);
	assert_int_equal(path.its_node, 0);
	free(p);

	p = load("IORT/QEMU-virt-default-0a93293e.dat", &len);
	findings_init(&f);
	assert_int_equal(acpi_iort_parse(p, len, &plat.iort, &f), 0);
	assert_int_equal(plat.iort.revision, 0);
	free(p);

	p = load("FACP/QEMU-virt-default.dat", &len);
	findings_init(&f);
	assert_int_equal(acpi_fadt_parse(p, len, &plat.fadt, &f), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(plat.fadt.revision, 6);
	assert_string_equal(plat.fadt.hypervisor_vendor, "QEMU");
	assert_true(plat.fadt.psci_compliant);
	assert_true(plat.fadt.psci_use_hvc);
	free(p);

	p = load("FACP/QEMU-virt-default-200dbf37.dat", &len); /* revision 5, 268 bytes */
	findings_init(&f);
	assert_int_equal(acpi_fadt_parse(p, len, &plat.fadt, &f), 0);
	assert_int_equal(plat.fadt.hv_status, ACPI_FADT_HV_SHORT);
	free(p);

	p = load("APIC/QEMU-virt-default.dat", &len);
	findings_init(&f);
	assert_int_equal(acpi_madt_parse(p, len, &plat.madt, &f), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(plat.madt.gicd_count, 1);
	assert_int_equal(plat.madt.gicd[0].base, 0x08000000);
	/* QEMU's test tables use the default GICv2 with a GICv2m MSI frame. */
	assert_int_equal(plat.madt.gicd[0].version, 2);
	assert_int_equal(plat.madt.gicr_count, 0);
	assert_int_equal(plat.madt.its_count, 0);
	assert_int_equal(plat.madt.msi_frame_count, 1);
	assert_int_equal(plat.madt.gicc[0].base, 0x08010000);
	assert_int_equal(plat.madt.gicc_count, 1);
	free(p);

	p = load("MCFG/QEMU-virt-default.dat", &len);
	findings_init(&f);
	assert_int_equal(acpi_mcfg_parse(p, len, &plat.mcfg, &f), 0);
	assert_int_equal(f.count, 0);
	assert_int_equal(plat.mcfg.entry_count, 1);
	assert_int_equal(plat.mcfg.entry[0].base, 0x4010000000ull);
	assert_int_equal(plat.mcfg.entry[0].bus_end, 0xff);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_all),
		cmocka_unit_test(test_corpus_qemu_q35_dmar),
		cmocka_unit_test(test_corpus_qemu_virt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
