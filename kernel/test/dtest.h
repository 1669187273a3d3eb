/* SPDX-License-Identifier: MIT */
/*
 * Guest tests. Each test is one file under tests/guest/ declaring itself
 * with DTEST() into the .dtests linker section: its name, a one-line
 * summary, its needs (arch, devices, CPUs) and a deadline. The runner
 * selects tests by the config's `tests=` patterns and reports TAP 14.
 *
 *	DTEST(boot_serial, .name = "boot.serial", .summary = "...", .deadline_ms = 100)
 *	{
 *		DT_EXPECT_EQ(t, 1 + 1, 2);
 *	}
 */
#ifndef DOORBELL_DTEST_H
#define DOORBELL_DTEST_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/platform_gap.h"

struct dtest_ctx;

enum dtest_arch {
	DTEST_ARCH_ANY = 0,
	DTEST_ARCH_X86_64 = 1 << 0,
	DTEST_ARCH_AARCH64 = 1 << 1,
};

/* Devices and platform parts a test needs; missing ones make it SKIP. */
enum dtest_need {
	DTEST_NEED_ACPI = 1 << 0,
	DTEST_NEED_EDU = 1 << 1,
	DTEST_NEED_MSIX_DEV = 1 << 2, /* an MSI-X test device: igb, else e1000e */
	DTEST_NEED_IOMMU = 1 << 3,
	DTEST_NEED_ITS = 1 << 4,
	DTEST_NEED_REFCLOCK = 1 << 5,
	DTEST_NEED_SMMU = 1 << 6,  /* an SMMUv3 enabled by doorbell (arm64) */
	DTEST_NEED_WIRED = 1 << 7, /* a wired interrupt domain (arm64: the GICv3 SPIs) */
};

struct dtest {
	const char *name;    /* area.case */
	const char *summary; /* one line */
	unsigned arch;       /* enum dtest_arch mask; 0 = any */
	unsigned needs;      /* enum dtest_need mask */
	unsigned min_cpus;   /* 0 or 1 = one CPU is enough */
	unsigned deadline_ms;
	bool bench;  /* a benchmark: in the plan only where the configuration says bench=on */
	bool screen; /* a screen check: in the plan only where the runner dumps the screen */
	void (*fn)(struct dtest_ctx *t);
};

#define DTEST(ident, ...)                                                                          \
	static void ident(struct dtest_ctx *t);                                                    \
	static const struct dtest dtest_desc_##ident                                               \
		__attribute__((used, section(".dtests"), aligned(8))) = {.fn = ident,              \
									 __VA_ARGS__};             \
	static void ident(struct dtest_ctx *t)

/* --- inside a test --------------------------------------------------------- */

/* Records a failure (the test goes on); returns cond. */
bool dtest_check(struct dtest_ctx *t, bool cond, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
bool dtest_check_u64(struct dtest_ctx *t, bool cond, const char *file, int line, const char *op,
		     const char *a_expr, const char *b_expr, uint64_t a, uint64_t b);

#define DT_EXPECT(t, cond, ...) dtest_check((t), !!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define DT_EXPECT_OP(t, a, op, b)                                                                  \
	({                                                                                         \
		uint64_t _a = (uint64_t)(a), _b = (uint64_t)(b);                                   \
		dtest_check_u64((t), _a op _b, __FILE__, __LINE__, #op, #a, #b, _a, _b);           \
	})
#define DT_EXPECT_EQ(t, a, b) DT_EXPECT_OP(t, a, ==, b)
#define DT_EXPECT_NE(t, a, b) DT_EXPECT_OP(t, a, !=, b)
#define DT_EXPECT_LE(t, a, b) DT_EXPECT_OP(t, a, <=, b)
#define DT_EXPECT_LT(t, a, b) DT_EXPECT_OP(t, a, <, b)
#define DT_EXPECT_GE(t, a, b) DT_EXPECT_OP(t, a, >=, b)
#define DT_EXPECT_GT(t, a, b) DT_EXPECT_OP(t, a, >, b)

/* The test is not applicable here; the reason is printed with # SKIP. */
void dtest_skip(struct dtest_ctx *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * An observation that departs from the specification in the way known gap
 * `gap` does. Where that gap applies to the run's platform (its name and
 * version, kernel/platform_gap.h) the test is reported as # TODO naming the
 * gap; anywhere else the observation is a failure. A TODO never hides a
 * failure: a test that also failed a check is reported as failed.
 */
void dtest_gap(struct dtest_ctx *t, enum platform_gap_id gap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The harness itself broke (not the platform): the run's verdict becomes error. */
void dtest_error(struct dtest_ctx *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A diagnostic line in the YAML block (printed only when the test fails). */
void dtest_diag(struct dtest_ctx *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Deadline of the current test in arch counter ticks. */
uint64_t dtest_deadline(const struct dtest_ctx *t);
bool dtest_failed(const struct dtest_ctx *t);
/*
 * How many of something a test does: normal in an ordinary run, stress
 * where the configuration asks for stress volume (stress=on). The default
 * run checks exactness; stress configurations check it at volume.
 */
unsigned dtest_volume(const struct dtest_ctx *t, unsigned normal, unsigned stress);

/* --- the runner -------------------------------------------------------- */

struct dtest_platform {
	unsigned arch;                 /* DTEST_ARCH_* of this build */
	unsigned have;                 /* enum dtest_need bits present */
	unsigned cpus;                 /* CPUs online */
	const char *missing_reason[8]; /* why a need is absent, indexed by bit */
	bool bench;                    /* benchmarks are in the plan */
	bool screen;                   /* screen checks are in the plan (screen=wait) */
	bool stress;                   /* stress volume (stress=on), not the default's */
	struct platform_id platform;   /* what the known gaps are checked against */
};

/* Records that a need is absent, and why (shown as the SKIP reason). */
static inline void dtest_platform_absent(struct dtest_platform *p, enum dtest_need need,
					 const char *why)
{
	p->have &= ~(unsigned)need;
	p->missing_reason[__builtin_ctz((unsigned)need)] = why;
}

/* Runs the tests selected by patterns ("*" when NULL); returns the verdict. */
int dtest_run_all(const struct dtest_platform *p, const char *patterns);

/* Glob match with '*' and '?'. */
bool dtest_glob(const char *pattern, const char *name);
/* Comma-separated patterns; "!pat" excludes. */
bool dtest_selected(const char *patterns, const char *name);

#endif
