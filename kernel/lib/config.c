/* SPDX-License-Identifier: MIT */
#include "kernel/config.h"

#include <ctype.h>
#include <string.h>

struct config_entry {
	char key[CONFIG_KEY_MAX];
	char value[CONFIG_VALUE_MAX];
};

static struct config_entry entries[CONFIG_MAX_KEYS];
static unsigned entry_count;

static void trim(const char **s, const char **e)
{
	while (*s < *e && isspace(**s))
		(*s)++;
	while (*e > *s && isspace((*e)[-1]))
		(*e)--;
}

static int config_set(const char *k, size_t klen, const char *v, size_t vlen)
{
	if (klen == 0 || klen >= CONFIG_KEY_MAX || vlen >= CONFIG_VALUE_MAX)
		return -1;
	struct config_entry *e = NULL;
	for (unsigned i = 0; i < entry_count; i++) {
		if (strlen(entries[i].key) == klen && !strncmp(entries[i].key, k, klen))
			e = &entries[i];
	}
	if (!e) {
		if (entry_count == CONFIG_MAX_KEYS)
			return -1;
		e = &entries[entry_count++];
	}
	memcpy(e->key, k, klen);
	e->key[klen] = 0;
	memcpy(e->value, v, vlen);
	e->value[vlen] = 0;
	return 0;
}

int config_parse(const char *text, uint32_t len)
{
	int bad = 0;
	if (!text || !len)
		return 0; /* no config file */
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *hash = memchr(p, '#', (size_t)(le - p));
		const char *ce = hash ? hash : le;
		const char *eq = memchr(p, '=', (size_t)(ce - p));
		const char *ks = p, *ke = eq ? eq : ce;
		trim(&ks, &ke);
		if (eq) {
			const char *vs = eq + 1, *ve = ce;
			trim(&vs, &ve);
			if (config_set(ks, (size_t)(ke - ks), vs, (size_t)(ve - vs)))
				bad++;
		} else if (ke > ks) {
			bad++;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return bad;
}

const char *config_get(const char *key)
{
	for (unsigned i = 0; i < entry_count; i++) {
		if (!strcmp(entries[i].key, key))
			return entries[i].value;
	}
	return NULL;
}

const char *config_get_or(const char *key, const char *def)
{
	const char *v = config_get(key);
	return v ? v : def;
}

bool config_get_bool(const char *key, bool def)
{
	const char *v = config_get(key);
	if (!v)
		return def;
	if (!strcmp(v, "on") || !strcmp(v, "1") || !strcmp(v, "yes") || !strcmp(v, "true"))
		return true;
	if (!strcmp(v, "off") || !strcmp(v, "0") || !strcmp(v, "no") || !strcmp(v, "false"))
		return false;
	return def;
}

unsigned config_count(void)
{
	return entry_count;
}

bool config_entry(unsigned i, const char **key, const char **value)
{
	if (i >= entry_count)
		return false;
	*key = entries[i].key;
	*value = entries[i].value;
	return true;
}

void config_reset(void)
{
	memset(entries, 0, sizeof(entries));
	entry_count = 0;
}
