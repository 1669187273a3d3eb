/* SPDX-License-Identifier: MIT */
/*
 * What the shared printers (kprintf: `# fact` lines, the policy report)
 * write, kept as text so that doorbell-acpi can choose, filter and reorder.
 */
#ifndef DOORBELL_ACPI_CAPTURE_H
#define DOORBELL_ACPI_CAPTURE_H

/* Runs fn(arg) with stdout sent to memory; returns the text (malloc'd) or NULL. */
char *capture_stdout(void (*fn)(void *arg), void *arg);

#endif
