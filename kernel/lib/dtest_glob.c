/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "kernel/test/dtest.h"

bool dtest_glob(const char *p, const char *s)
{
	const char *star = NULL, *resume = NULL;
	while (*s) {
		if (*p == '*') {
			star = p++;
			resume = s;
		} else if (*p == '?' || *p == *s) {
			p++;
			s++;
		} else if (star) {
			p = star + 1;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*p == '*')
		p++;
	return !*p;
}

bool dtest_selected(const char *patterns, const char *name)
{
	if (!patterns || !*patterns)
		return true;
	bool any_include = false, included = false;
	const char *p = patterns;
	while (*p) {
		char pat[96];
		size_t n = 0;
		while (*p == ' ' || *p == ',')
			p++;
		bool too_long = false;
		while (*p && *p != ',') {
			if (n + 1 < sizeof(pat))
				pat[n++] = *p;
			else
				too_long = true;
			p++;
		}
		if (too_long)
			continue; /* a pattern longer than any test name matches nothing */
		while (n && pat[n - 1] == ' ')
			n--;
		pat[n] = 0;
		if (!n)
			continue;
		if (pat[0] == '!') {
			if (dtest_glob(pat + 1, name))
				return false;
		} else {
			any_include = true;
			if (dtest_glob(pat, name))
				included = true;
		}
	}
	return any_include ? included : true;
}
