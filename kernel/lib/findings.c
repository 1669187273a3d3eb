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

static void finding_vadd(struct findings *f, const struct finding_check *check,
			 enum finding_severity sev, const char *source, uint32_t offset,
			 const char *fmt, va_list ap)
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
	it->check = check;
	snprintf(it->source, sizeof(it->source), "%s", source ? source : "-");
	vsnprintf(it->text, sizeof(it->text), fmt, ap);
}

void finding_add(struct findings *f, enum finding_severity sev, const char *source, uint32_t offset,
		 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	finding_vadd(f, 0, sev, source, offset, fmt, ap);
	va_end(ap);
}

void finding_add_check(struct findings *f, const struct finding_check *check,
		       enum finding_severity sev, const char *source, uint32_t offset,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	finding_vadd(f, check, sev, source, offset, fmt, ap);
	va_end(ap);
}

const char *finding_id(const struct finding *it)
{
	return it->check && it->check->id ? it->check->id : 0;
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
		const char *id = finding_id(it);
		kprintf("# finding %s %s", finding_severity_name(it->severity), it->source);
		if (it->offset != FINDING_NO_OFFSET)
			kprintf("+0x%x", it->offset);
		kprintf(": %s%s%s%s\n", id ? "[" : "", id ? id : "", id ? "] " : "", it->text);
		if (it->check && it->check->linux_does)
			kprintf("#   linux: %s\n", it->check->linux_does);
		if (it->check && it->check->linux_override)
			kprintf("#   linux-override: %s\n", it->check->linux_override);
	}
	if (f->dropped)
		kprintf("# finding warning -: %u more findings not stored\n", f->dropped);
}
