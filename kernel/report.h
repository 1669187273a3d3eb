/* SPDX-License-Identifier: MIT */
/* "# fact key=value" lines: everything detected or measured (docs/architecture.md, "The report"). */
#ifndef DOORBELL_REPORT_H
#define DOORBELL_REPORT_H

void fact(const char *key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
