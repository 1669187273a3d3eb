/* SPDX-License-Identifier: MIT */
/*
 * Findings that need more than the tables: what the units' registers say
 * against what the DMAR and MADT claim (issue list of validation findings).
 */
#ifndef DOORBELL_POLICY_CHECKS_H
#define DOORBELL_POLICY_CHECKS_H

#include "kernel/findings.h"
#include "kernel/policy/signals.h"

/* Offset of the DMAR flags byte (VT-d 3.4 §8.1). */
#define ACPI_DMAR_FLAGS_OFFSET 37

void policy_checks(const struct platform_signals *s, struct findings *f);

#endif
