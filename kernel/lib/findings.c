/* SPDX-License-Identifier: MIT */
#include "kernel/findings.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kernel/console.h"

void findings_init(struct findings *f)
{
	memset(f, 0, sizeof(*f));
}

void finding_add(struct findings *f, enum finding_severity sev, const char *source, uint32_t offset,
		 const char *fmt, ...)
{
	if (!f)
		return; /* the caller wants the parse, not the findings */
	if (sev > FINDING_ERROR)
		sev = FINDING_ERROR;
	f->by_severity[sev]++;
	if (f->count >= FINDINGS_MAX) {
		f->dropped++;
		return;
	}
	struct finding *it = &f->item[f->count++];
	it->severity = sev;
	it->offset = offset;
	snprintf(it->source, sizeof(it->source), "%s", source ? source : "-");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(it->text, sizeof(it->text), fmt, ap);
	va_end(ap);
}

const char *finding_severity_name(enum finding_severity sev)
{
	switch (sev) {
	case FINDING_INFO: return "info";
	case FINDING_WARNING: return "warning";
	case FINDING_ERROR: return "error";
	}
	return "?";
}

void findings_print(const struct findings *f)
{
	for (unsigned i = 0; i < f->count; i++) {
		const struct finding *it = &f->item[i];
		if (it->offset == FINDING_NO_OFFSET)
			kprintf("# finding %s %s: %s\n", finding_severity_name(it->severity),
				it->source, it->text);
		else
			kprintf("# finding %s %s+0x%x: %s\n", finding_severity_name(it->severity),
				it->source, it->offset, it->text);
	}
	if (f->dropped)
		kprintf("# finding warning -: %u more findings not stored\n", f->dropped);
}
