/* SPDX-License-Identifier: MIT */
#include "kernel/exit.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arch/hooks.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/console_init.h"

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS: return "pass";
	case VERDICT_FAIL: return "fail";
	case VERDICT_ERROR: return "error";
	}
	return "error";
}

static struct run_counts exit_counts;
static bool exit_counts_known;

void exit_record_counts(const struct run_counts *c)
{
	exit_counts = *c;
	exit_counts_known = true;
}

static enum exit_method exit_method(void)
{
	const char *m = config_get("exit");
	if (!m)
		return EXIT_METHOD_HALT;
	if (!strcmp(m, "qemu"))
		return EXIT_METHOD_QEMU;
	if (!strcmp(m, "reset"))
		return EXIT_METHOD_RESET;
	if (!strcmp(m, "poweroff"))
		return EXIT_METHOD_POWEROFF;
	return EXIT_METHOD_HALT;
}

void kernel_exit(enum verdict v)
{
	static volatile int exiting;
	if (__atomic_exchange_n(&exiting, 1, __ATOMIC_SEQ_CST))
		arch_exit(VERDICT_ERROR, exit_method()); /* a fault while exiting */
	enum exit_method m = exit_method();
	if (m == EXIT_METHOD_HALT) /* a machine booted from the stick: nothing ends the run */
		kprintf("# exit: no exit device known (exit=%s): the CPUs halt after the verdict; "
			"reset or power off the machine\n",
			config_get_or("exit", "none"));
	kprintf("# doorbell: end verdict=%s exit=%d\n", verdict_name(v), (int)v);
	console_finish(verdict_name(v), exit_counts_known ? &exit_counts : 0);
	arch_exit((int)v, m);
}

void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("Bail out! %s\n", msg);
	kernel_exit(VERDICT_ERROR);
}
