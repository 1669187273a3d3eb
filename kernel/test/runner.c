/* SPDX-License-Identifier: MIT */
/* Runs the guest tests declared with DTEST() and reports them in TAP 14. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/hooks.h"
#include "kernel/console.h"
#include "kernel/exit.h"
#include "kernel/report.h"
#include "kernel/test/dtest.h"
#include "kernel/time.h"

extern const struct dtest __dtest_start[], __dtest_end[];

#define DTEST_MAX        256
#define DTEST_DIAG_LINES 24
#define DTEST_LINE_MAX   200

static const struct platform_id *dtest_platform_id;
static bool dtest_platform_stress;

struct dtest_ctx {
	const struct dtest *test;
	unsigned failures;
	unsigned checks; /* DT_EXPECT* evaluated, passed or not */
	bool skipped, todo, error;
	char reason[DTEST_LINE_MAX];
	uint64_t deadline;
	unsigned diag_count;
	char diag[DTEST_DIAG_LINES][DTEST_LINE_MAX];
};

static void add_diag(struct dtest_ctx *t, const char *fmt, va_list ap)
{
	if (t->diag_count < DTEST_DIAG_LINES)
		vsnprintf(t->diag[t->diag_count++], DTEST_LINE_MAX, fmt, ap);
}

static void add_diagf(struct dtest_ctx *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_diag(t, fmt, ap);
	va_end(ap);
}

bool dtest_check(struct dtest_ctx *t, bool cond, const char *file, int line, const char *fmt, ...)
{
	t->checks++;
	if (cond)
		return true;
	char msg[DTEST_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failures++;
	add_diagf(t, "- at: %s:%d", file, line);
	add_diagf(t, "  message: \"%s\"", msg);
	return false;
}

bool dtest_check_u64(struct dtest_ctx *t, bool cond, const char *file, int line, const char *op,
		     const char *a_expr, const char *b_expr, uint64_t a, uint64_t b)
{
	t->checks++;
	if (cond)
		return true;
	t->failures++;
	add_diagf(t, "- at: %s:%d", file, line);
	add_diagf(t, "  message: \"expected %s %s %s\"", a_expr, op, b_expr);
	add_diagf(t, "  got: 0x%llx (%llu)", (unsigned long long)a, (unsigned long long)a);
	add_diagf(t, "  expected: 0x%llx (%llu)", (unsigned long long)b, (unsigned long long)b);
	return false;
}

static void set_reason(struct dtest_ctx *t, const char *fmt, va_list ap)
{
	vsnprintf(t->reason, sizeof(t->reason), fmt, ap);
}

void dtest_skip(struct dtest_ctx *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_reason(t, fmt, ap);
	va_end(ap);
	t->skipped = true;
}

void dtest_gap(struct dtest_ctx *t, enum platform_gap_id gap, const char *fmt, ...)
{
	char seen[DTEST_LINE_MAX], range[48], here[48];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(seen, sizeof(seen), fmt, ap);
	va_end(ap);
	const struct platform_gap *g = platform_gap_get(gap);
	platform_gap_range(gap, range, sizeof(range));
	if (platform_gap_applies(gap, dtest_platform_id)) {
		if (!t->todo)
			snprintf(t->reason, sizeof(t->reason), "[%s, %s] %s", g->id, range, seen);
		t->todo = true;
		return;
	}
	platform_id_format(dtest_platform_id, here, sizeof(here));
	t->failures++;
	add_diagf(t, "- message: \"%s\"", seen);
	add_diagf(t, "  known_gap: \"%s (%s only): %s\"", g->id, range, g->what);
	add_diagf(t, "  platform: \"%s, where the gap is not known: a failure\"", here);
}

void dtest_error(struct dtest_ctx *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_diagf(t, "- harness_error: true");
	char msg[DTEST_LINE_MAX];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	add_diagf(t, "  message: \"%s\"", msg);
	va_end(ap);
	t->error = true;
	t->failures++;
}

void dtest_diag(struct dtest_ctx *t, const char *fmt, ...)
{
	char msg[DTEST_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	add_diagf(t, "- diag: \"%s\"", msg);
}

uint64_t dtest_deadline(const struct dtest_ctx *t)
{
	return t->deadline;
}

bool dtest_failed(const struct dtest_ctx *t)
{
	return t->failures != 0;
}

unsigned dtest_volume(const struct dtest_ctx *t, unsigned normal, unsigned stress)
{
	return dtest_platform_stress ? stress : normal;
}

/* Every test that ran carries its duration and its checks (TAP 14 YAML block). */
static void dtest_print_duration(uint64_t us, unsigned checks)
{
	kprintf("  ---\n  duration_ms: %llu.%03llu\n  checks: %u\n  ...\n",
		(unsigned long long)(us / 1000), (unsigned long long)(us % 1000), checks);
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(const struct dtest *const *)a)->name,
		      (*(const struct dtest *const *)b)->name);
}

static const char *unmet_need(const struct dtest *d, const struct dtest_platform *p)
{
	static char why[160];
	unsigned missing = d->needs & ~p->have;
	if (missing) {
		unsigned bit = (unsigned)__builtin_ctz(missing);
		const char *r = bit < 8 ? p->missing_reason[bit] : NULL;
		snprintf(why, sizeof(why), "%s", r ? r : "a needed device is absent");
		return why;
	}
	if (d->min_cpus > p->cpus) {
		snprintf(why, sizeof(why), "needs %u CPUs, %u online", d->min_cpus, p->cpus);
		return why;
	}
	return NULL;
}

int dtest_run_all(const struct dtest_platform *p, const char *patterns)
{
	static const struct dtest *sel[DTEST_MAX];
	static struct dtest_ctx ctx;
	unsigned n = 0, passed = 0, failed = 0, skipped = 0, todo = 0, checks = 0;
	bool harness_error = false;

	dtest_platform_id = &p->platform;
	dtest_platform_stress = p->stress;
	unsigned other_arch = 0, benches = 0, screens = 0;
	for (const struct dtest *d = __dtest_start; d < __dtest_end; d++) {
		if (!d->name || !d->fn)
			panic("malformed test descriptor at %p", (const void *)d);
		if (!dtest_selected(patterns, d->name))
			continue;
		/* Not in the plan at all: another arch's tests, benchmarks outside bench=on and screen
		 * checks without a runner dumping the screen (screen=wait). */
		if (d->arch && !(d->arch & p->arch)) {
			other_arch++;
			continue;
		}
		if (d->bench && !p->bench) {
			benches++;
			continue;
		}
		if (d->screen && !p->screen) {
			screens++;
			continue;
		}
		if (n == DTEST_MAX)
			panic("more than %u guest tests selected: raise DTEST_MAX", DTEST_MAX);
		sel[n++] = d;
	}
	qsort(sel, n, sizeof(sel[0]), by_name);
	kprintf("1..%u\n", n);
	if (other_arch || benches || screens)
		kprintf("# not planned: %u for another arch, %u benchmarks (bench=on runs them), "
			"%u screen checks (screen=wait runs them)\n",
			other_arch, benches, screens);
	if (!n)
		kprintf("# no test matches tests=%s\n", patterns ? patterns : "*");

	for (unsigned i = 0; i < n; i++) {
		const struct dtest *d = sel[i];
		memset(&ctx, 0, sizeof(ctx));
		ctx.test = d;
		const char *why = unmet_need(d, p);
		if (why) {
			kprintf("ok %u - %s # SKIP %s\n", i + 1, d->name, why);
			skipped++;
			continue;
		}
		kprintf("# %s: %s\n", d->name, d->summary ? d->summary : "");
		unsigned deadline_ms = d->deadline_ms ? d->deadline_ms : 1000;
		uint64_t start = arch_counter_read();
		ctx.deadline = start + time_ms_to_ticks(deadline_ms);
		d->fn(&ctx);
		uint64_t took_us = time_ticks_to_us(arch_counter_read() - start);
		if (!ctx.skipped && took_us > (uint64_t)deadline_ms * 1000) {
			ctx.failures++;
			add_diagf(&ctx, "- message: \"took %llu us, deadline %u ms\"",
				  (unsigned long long)took_us, deadline_ms);
		}

		if (ctx.skipped && !ctx.failures) {
			kprintf("ok %u - %s # SKIP %s\n", i + 1, d->name, ctx.reason);
			dtest_print_duration(took_us, ctx.checks);
			skipped++;
			continue;
		}
		/* A TODO covers its known gap only: any other failure makes the test fail. */
		bool is_todo = ctx.todo && !ctx.failures;
		if (ctx.todo && ctx.failures)
			add_diagf(&ctx, "- also_known_gap: \"%s\"", ctx.reason);
		kprintf("%s %u - %s%s%s\n", ctx.failures ? "not ok" : "ok", i + 1, d->name,
			is_todo ? " # TODO " : "", is_todo ? ctx.reason : "");
		if (ctx.failures) {
			kprintf("  ---\n  duration_ms: %llu.%03llu\n  checks: %u\n  failures:\n",
				(unsigned long long)(took_us / 1000),
				(unsigned long long)(took_us % 1000), ctx.checks);
			for (unsigned k = 0; k < ctx.diag_count; k++)
				kprintf("  %s\n", ctx.diag[k]);
			kprintf("  ...\n");
		} else {
			dtest_print_duration(took_us, ctx.checks);
		}
		checks += ctx.checks;
		if (is_todo)
			todo++;
		else if (ctx.failures)
			failed++;
		else
			passed++;
		if (ctx.error)
			harness_error = true;
	}
	kprintf("# tests: %u passed, %u failed, %u skipped, %u todo\n", passed, failed, skipped,
		todo);
	fact("tests.checks", "%u", checks);
	exit_record_counts(&(struct run_counts){passed, failed, skipped, todo});
	if (harness_error)
		return 2;
	return failed ? 1 : 0;
}
