/* SPDX-License-Identifier: MIT */
/*
 * The one place that defines how a run ends. The verdict is the guest's
 * exit status: QEMU's status follows from it (x86 isa-debug-exit: (v << 1) | 1;
 * arm64 semihosting: v), see docs/runner.md.
 */
#ifndef DOORBELL_EXIT_H
#define DOORBELL_EXIT_H

enum verdict {
	VERDICT_PASS = 0,  /* every test passed or was skipped */
	VERDICT_FAIL = 1,  /* a test failed: the platform did not do what it must */
	VERDICT_ERROR = 2, /* the harness broke: crash, exception, timeout, bad state */
};

const char *verdict_name(enum verdict v);

/* The test runner's totals, for the last screen; a run that ends before them has none. */
struct run_counts {
	unsigned passed, failed, skipped, todo;
};
void exit_record_counts(const struct run_counts *c);

/* Prints the sentinel line and ends the run. */
__attribute__((noreturn)) void kernel_exit(enum verdict v);

/* Prints "Bail out! <reason>" and ends the run as a harness error. */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

#endif
