/* SPDX-License-Identifier: MIT */
/*
 * doorbell-acpi: the firmware engineer's command. Reads raw ACPI tables
 * (.dat/.aml/.bin) or an acpidump text dump, parses them with the guest's
 * parsers and prints what the guest would: findings and `# fact` lines.
 *
 *   doorbell-acpi [--no-dump] [--ims-bit N] [--arch A] [--cpuid-hypervisor 0|1] FILE...
 *   doorbell-acpi [--ims-bit N] --diff OLD NEW      (diff_cmd.c)
 *   doorbell-acpi [--ims-bit N] --coverage FILE...  (coverage_cmd.c)
 *
 * Exit status: 0 no error finding, 1 error findings, 2 unreadable input.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi_platform.h"
#include "drivers/acpi/acpi_print.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"
#include "kernel/findings.h"
#include "tools/doorbell-acpi/modes.h"
#include "tools/doorbell-acpi/options.h"

struct doorbell_acpi_options doorbell_acpi_options = {.cpuid_hypervisor = -1};

/*
 * Policy hook (tools/doorbell-acpi/policy_hook.c): takes the parsed tables,
 * prints the policy's facts and verdict, may add findings.
 */
void doorbell_acpi_policy(const struct acpi_tables *t, const struct acpi_platform *p,
			  struct findings *f);

static struct acpi_tables tables;
static struct acpi_platform platform;
static struct findings findings;
/* An acpidump holds every table of the machine; raw files may be a selection. */
static bool loaded_dump;

static void usage(void)
{
	fprintf(stderr,
		"usage: doorbell-acpi [--no-dump] [--ims-bit N] [--arch A] [--cpuid-hypervisor "
		"0|1] "
		"FILE...\n"
		"       doorbell-acpi [--ims-bit N] --diff OLD NEW\n"
		"       doorbell-acpi [--ims-bit N] --coverage FILE...\n"
		"  FILE: a raw ACPI table (.dat/.aml/.bin) or an acpidump text dump\n"
		"  --no-dump    do not print the tables in acpidump format\n"
		"  --ims-bit N  DMAR flag bit read as the experimental IMS opt-in (default 3)\n"
		"  --arch A     x86_64 or aarch64 (default: from the tables)\n"
		"  --cpuid-hypervisor 0|1\n"
		"               what CPUID.1:ECX[31] says on the target machine; without it\n"
		"               the verdict rests on the tables alone (x86: unknown)\n"
		"  --diff OLD NEW  changes in meaning between two firmware versions (each a\n"
		"               file, an acpidump or a directory); exit 1 when something changed\n"
		"  --coverage   which unit handles each requester id of the MCFG's buses\n");
}

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	size_t cap = 65536, n = 0;
	uint8_t *buf = malloc(cap);
	while (buf) {
		size_t r = fread(buf + n, 1, cap - n, fp);
		n += r;
		if (n < cap)
			break;
		if (cap >= (64u << 20)) { /* no ACPI dump is this large */
			free(buf);
			buf = NULL;
			break;
		}
		uint8_t *nb = realloc(buf, cap * 2);
		if (!nb) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = nb;
		cap *= 2;
	}
	if (ferror(fp)) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	*len = n;
	return buf;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Adds one table's bytes (kept until exit); returns 0 or -errno. */
static int add_table(const char *path, uint8_t *data, size_t len, uint64_t phys)
{
	if (len >= 8 && !memcmp(data, "RSD PTR ", 8))
		return 0; /* the RSDP is not a table */
	if (len > 0xffffffffu)
		return -E2BIG;
	int err = acpi_tables_add(&tables, data, (uint32_t)len, &findings);
	if (err) {
		fprintf(stderr, "doorbell-acpi: %s: %.4s table not usable (%s)\n", path,
			len >= 4 ? (const char *)data : "?", errno_name(err));
		return err;
	}
	tables.table[tables.count - 1].phys = phys;
	return 0;
}

/*
 * acpidump text: "SIGN @ 0x<addr>" then "    OFFS: XX XX ... ascii" lines,
 * a blank line after each table. Returns the number of tables, or -errno.
 */
static int parse_dump(const char *path, const char *text, size_t len)
{
	int count = 0;
	const char *p = text, *end = text + len;
	uint8_t *cur = NULL;
	size_t cur_len = 0, cur_cap = 0;
	uint64_t cur_phys = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *at = NULL;
		for (const char *q = p; q + 5 <= le; q++)
			if (!memcmp(q, " @ 0x", 5)) {
				at = q;
				break;
			}
		const char *s = p;
		while (s < le && *s == ' ')
			s++;
		if (at && at - s == 4) {
			if (cur && add_table(path, cur, cur_len, cur_phys) == 0)
				count++;
			cur_cap = 4096;
			cur = malloc(cur_cap);
			if (!cur)
				return -ENOMEM;
			cur_len = 0;
			cur_phys = strtoull(at + 3, NULL, 16);
		} else if (cur && s < le && hexval(*s) >= 0) {
			const char *c = memchr(s, ':', (size_t)(le - s));
			if (c) {
				const char *q = c + 1;
				for (int i = 0; i < 16; i++) {
					if (le - q < 3 || q[0] != ' ')
						break;
					int hi = hexval(q[1]), lo = hexval(q[2]);
					if (hi < 0 || lo < 0 || (le - q > 3 && q[3] != ' '))
						break;
					if (cur_len == cur_cap) {
						uint8_t *nb = realloc(cur, cur_cap * 2);
						if (!nb) {
							free(cur);
							return -ENOMEM;
						}
						cur = nb;
						cur_cap *= 2;
					}
					cur[cur_len++] = (uint8_t)(hi << 4 | lo);
					q += 3;
				}
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (cur && add_table(path, cur, cur_len, cur_phys) == 0)
		count++;
	return count;
}

/* A raw table: four signature characters and a length field that fits the file. */
static bool looks_raw(const uint8_t *d, size_t len)
{
	if (len < 8)
		return false;
	for (int i = 0; i < 4; i++)
		if (!isalnum(d[i]) && d[i] != '_')
			return false;
	uint32_t l =
		(uint32_t)d[4] | (uint32_t)d[5] << 8 | (uint32_t)d[6] << 16 | (uint32_t)d[7] << 24;
	return l >= 8 && l <= len;
}

static int load_file(const char *path)
{
	size_t len;
	uint8_t *data = slurp(path, &len);
	if (!data) {
		fprintf(stderr, "doorbell-acpi: %s: %s\n", path, strerror(errno ? errno : EIO));
		return -EIO;
	}
	if (looks_raw(data, len))
		return add_table(path, data, len, 0);
	int n = parse_dump(path, (const char *)data, len);
	free(data);
	if (n > 0)
		loaded_dump = true;
	if (n <= 0) {
		fprintf(stderr,
			"doorbell-acpi: %s: neither a raw ACPI table nor an acpidump dump\n", path);
		return n < 0 ? n : -EINVAL;
	}
	return 0;
}

/* One input set for --diff and --coverage, loaded through the tool's own loader. */
static int load_set(char *const *paths, int n, struct acpi_tables *t, struct findings *f,
		    bool *complete)
{
	acpi_tables_init(&tables);
	findings_init(&findings);
	loaded_dump = false;
	int status = 0;
	for (int i = 0; i < n; i++)
		if (doorbell_acpi_each_file(paths[i], load_file))
			status = 2;
	*t = tables;
	*f = findings;
	*complete = loaded_dump;
	return status;
}

int main(int argc, char **argv)
{
	bool dump = true;
	unsigned ims_bit = ACPI_DMAR_EXPERIMENTAL_IMS_BIT_DEFAULT;
	int first = 1;
	for (; first < argc && argv[first][0] == '-'; first++) {
		if (!strcmp(argv[first], "--diff") && first + 3 == argc) {
			return doorbell_acpi_diff_main(argv[first + 1], argv[first + 2], load_set,
						       ims_bit);
		} else if (!strcmp(argv[first], "--coverage") && first + 1 < argc) {
			return doorbell_acpi_coverage_main(argv + first + 1, argc - first - 1,
							   load_set, ims_bit);
		} else if (!strcmp(argv[first], "--no-dump")) {
			dump = false;
		} else if (!strcmp(argv[first], "--ims-bit") && first + 1 < argc) {
			char *e;
			unsigned long v = strtoul(argv[++first], &e, 0);
			if (*e || v > 7) {
				fprintf(stderr, "doorbell-acpi: --ims-bit takes 0-7\n");
				return 2;
			}
			ims_bit = (unsigned)v;
		} else if (!strcmp(argv[first], "--arch") && first + 1 < argc) {
			const char *a = argv[++first];
			if (strcmp(a, "x86_64") && strcmp(a, "aarch64")) {
				fprintf(stderr, "doorbell-acpi: --arch takes x86_64 or aarch64\n");
				return 2;
			}
			doorbell_acpi_options.arch = a;
		} else if (!strcmp(argv[first], "--cpuid-hypervisor") && first + 1 < argc) {
			const char *v = argv[++first];
			if (strcmp(v, "0") && strcmp(v, "1")) {
				fprintf(stderr, "doorbell-acpi: --cpuid-hypervisor takes 0 or 1\n");
				return 2;
			}
			doorbell_acpi_options.cpuid_hypervisor = v[0] - '0';
		} else if (!strcmp(argv[first], "--help") || !strcmp(argv[first], "-h")) {
			usage();
			return 0;
		} else {
			usage();
			return 2;
		}
	}
	if (first >= argc) {
		usage();
		return 2;
	}
	acpi_tables_init(&tables);
	findings_init(&findings);
	int status = 0;
	for (int i = first; i < argc; i++)
		if (load_file(argv[i]))
			status = 2;
	if (status)
		return status;

	acpi_platform_init(&platform);
	platform.dmar_ims_bit = ims_bit;
	platform.tables_complete = loaded_dump;
	acpi_platform_parse(&platform, &tables, &findings);
	if (dump)
		acpi_print_dump_all(&tables);
	acpi_print_table_facts(&tables);
	acpi_print_facts(&platform);
	doorbell_acpi_policy(&tables, &platform, &findings);
	findings_print(&findings);
	printf("# doorbell-acpi: %u tables, %u errors, %u warnings, %u info\n", tables.count,
	       findings.by_severity[FINDING_ERROR], findings.by_severity[FINDING_WARNING],
	       findings.by_severity[FINDING_INFO]);
	return findings.by_severity[FINDING_ERROR] ? 1 : 0;
}
