/* SPDX-License-Identifier: MIT */
#include "tools/doorbell-acpi/options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi_dmar.h"

struct doorbell_acpi_options doorbell_acpi_options = {
	.cpuid_hypervisor = -1,
	.ims_bit = ACPI_DMAR_EXPERIMENTAL_IMS_BIT_DEFAULT,
	.dump = true,
};

static void usage(FILE *out)
{
	fputs("usage: doorbell-acpi [--no-dump] [--json] [--policy] [--ims-bit N] [--arch A]\n"
	      "                     [--cpuid-hypervisor 0|1] FILE...\n"
	      "       doorbell-acpi [--ims-bit N] --diff OLD NEW\n"
	      "       doorbell-acpi [--ims-bit N] --coverage FILE...\n"
	      "  FILE: a raw ACPI table (.dat/.aml/.bin) or an acpidump text dump; any number\n"
	      "  Prints the findings grouped by table (severity, check id, message, what Linux\n"
	      "  does), then the `# fact` lines of the tables given, then a summary line.\n"
	      "  --no-dump    do not print the tables in acpidump format\n"
	      "  --json       one JSON document (findings, facts, verdict) for scripts\n"
	      "  --policy     also detection (virtual machine or not) and the policy's verdict\n"
	      "               on IMS, x2APIC and interrupt remapping\n"
	      "  --ims-bit N  DMAR flag bit read as the experimental IMS opt-in (default 3)\n"
	      "  --arch A     x86_64 or aarch64 (default: from the tables)\n"
	      "  --cpuid-hypervisor 0|1\n"
	      "               what CPUID.1:ECX[31] says on the target machine; without it\n"
	      "               the verdict rests on the tables alone (x86: unknown)\n"
	      "  --diff OLD NEW  changes in meaning between two firmware versions (each a\n"
	      "               file, an acpidump or a directory); exit 1 when something changed\n"
	      "  --coverage   which unit handles each requester id of the MCFG's buses;\n"
	      "               exit 1 when an id is uncovered, claimed twice or aliased\n"
	      "Exit status: 0 no error finding, 1 error findings, 2 unreadable input or a\n"
	      "usage error; the policy's verdict does not change it.\n",
	      out);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("doorbell-acpi: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	usage(stderr);
	return 2;
}

int doorbell_acpi_parse_options(int argc, char **argv)
{
	struct doorbell_acpi_options *o = &doorbell_acpi_options;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];
		bool has_value = i + 1 < argc;
		if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!strcmp(a, "--no-dump")) {
			o->dump = false;
		} else if (!strcmp(a, "--json")) {
			o->json = true;
		} else if (!strcmp(a, "--policy")) {
			o->policy = true;
		} else if (!strcmp(a, "--ims-bit") && has_value) {
			char *e;
			unsigned long v = strtoul(argv[++i], &e, 0);
			if (!argv[i][0] || *e || v > 7)
				return usage_error("--ims-bit takes 0-7, not '%s'", argv[i]);
			o->ims_bit = (unsigned)v;
		} else if (!strcmp(a, "--arch") && has_value) {
			const char *v = argv[++i];
			if (strcmp(v, "x86_64") && strcmp(v, "aarch64"))
				return usage_error("--arch takes x86_64 or aarch64, not '%s'", v);
			o->arch = v;
		} else if (!strcmp(a, "--cpuid-hypervisor") && has_value) {
			const char *v = argv[++i];
			if (strcmp(v, "0") && strcmp(v, "1"))
				return usage_error("--cpuid-hypervisor takes 0 or 1, not '%s'", v);
			o->cpuid_hypervisor = v[0] - '0';
		} else if (!strcmp(a, "--diff")) {
			if (i + 2 >= argc)
				return usage_error("%s takes two inputs: OLD NEW", a);
			o->diff_old = argv[++i];
			o->diff_new = argv[++i];
		} else if (!strcmp(a, "--coverage")) {
			o->coverage = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else {
			return usage_error("unknown option or missing value: '%s'", a);
		}
	}
	if (o->diff_old && i < argc)
		return usage_error("--diff compares two inputs, not also '%s'", argv[i]);
	if (i >= argc && !o->diff_old)
		return usage_error("%s", "no FILE given");
	o->first = i;
	return -1;
}
