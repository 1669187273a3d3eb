/* SPDX-License-Identifier: MIT */
/*
 * The detection and policy part of the report (docs/architecture.md, "The report"), shared by the
 * guest and doorbell-acpi: one `# detect` line per signal with its source,
 * then `# fact` lines (keys that do not apply to the arch print `none`).
 */
#ifndef DOORBELL_POLICY_REPORT_H
#define DOORBELL_POLICY_REPORT_H

#include "kernel/policy/policy.h"

void policy_report_signals(const struct platform_signals *s, const struct detect_result *d);
void policy_report(const struct platform_signals *s, const struct detect_result *d,
		   const struct policy *p);

#endif
