/* SPDX-License-Identifier: MIT */
/* boot.serial: the console port is present and the formatter gives exact output. */
#include <stdio.h>
#include <string.h>

#include "kernel/console_init.h"
#include "kernel/report.h"
#include "kernel/test/dtest.h"

struct fmt_case {
	const char *want;
	int len;
	char got[64];
};

#define FMT(c, ...) ((c)->len = snprintf((c)->got, sizeof((c)->got), __VA_ARGS__))

DTEST(boot_serial, .name = "boot.serial", .summary = "console port present; printf formats exactly",
      .deadline_ms = 500)
{
	const struct serial_port *p = console_serial();
	fact("serial.port", "%s@0x%llx(%s)", p->name, (unsigned long long)p->base, p->source);
	DT_EXPECT(t, p->present, "console %s at 0x%llx is not present", p->name,
		  (unsigned long long)p->base);

	struct fmt_case c[] = {
		{"42 -7 0x1f 00ab", 0, ""},      {"[  abc][def  ]", 0, ""},
		{"18446744073709551615", 0, ""}, {"-9223372036854775808", 0, ""},
		{"0x0000dead %", 0, ""},         {"(null) c", 0, ""},
	};
	FMT(&c[0], "%d %i %#x %04x", 42, -7, 31, 0xab);
	FMT(&c[1], "[%5s][%-5s]", "abc", "def");
	FMT(&c[2], "%llu", 18446744073709551615ull);
	FMT(&c[3], "%lld", (long long)(-9223372036854775807ll - 1));
	FMT(&c[4], "%#010x %%", 0xdead);
	FMT(&c[5], "%s %c", (const char *)0, 'c');
	for (unsigned i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		DT_EXPECT(t, !strcmp(c[i].got, c[i].want), "case %u: got \"%s\", want \"%s\"", i,
			  c[i].got, c[i].want);
		DT_EXPECT_EQ(t, c[i].len, strlen(c[i].want));
	}

	/* Truncation: the return value counts what would have been written. */
	char small[5];
	DT_EXPECT_EQ(t, snprintf(small, sizeof(small), "%s", "abcdefgh"), 8);
	DT_EXPECT(t, !strcmp(small, "abcd"), "truncated to \"%s\"", small);
}
