/* SPDX-License-Identifier: MIT */
/*
 * Bare metal or virtual machine (docs/architecture.md, "Signals"): every signal with the place it
 * came from, and a verdict with the signals that decided it.
 *
 *   virtual     at least one signal that only a hypervisor gives
 *   bare-metal  every signal this platform can give was read and none says VM
 *               (a VM that hides all of them cannot be told apart: said so)
 *   unknown     the signals that could tell were not available
 */
#ifndef DOORBELL_POLICY_DETECT_H
#define DOORBELL_POLICY_DETECT_H

#include "kernel/policy/signals.h"

enum platform_kind {
	PLATFORM_UNKNOWN = 0,
	PLATFORM_BARE_METAL,
	PLATFORM_VIRTUAL,
};

#define DETECT_MAX_SIGNALS 12
#define DETECT_TEXT_LEN    128

/* One observation. `virt` ones decide the verdict; hints are only reported. */
struct detect_signal {
	const char *source; /* "cpuid", "fadt", "dmar", "vtd", "smccc", "acpi" */
	bool virt;          /* says "virtual machine" on its own */
	char text[DETECT_TEXT_LEN];
};

struct detect_result {
	enum platform_kind kind;
	unsigned count;
	struct detect_signal signal[DETECT_MAX_SIGNALS];
	/* Comma-separated short reasons, for `# fact platform.reasons=`. */
	char reasons[256];
	/* Sentence for the report: why the verdict, what was left to look at. */
	char summary[320];
};

void detect_platform(const struct platform_signals *s, struct detect_result *r);

/* "bare-metal", "virtual", "unknown" */
const char *platform_kind_name(enum platform_kind k);

#endif
