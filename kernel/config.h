/* SPDX-License-Identifier: MIT */
/*
 * The run's configuration: key=value lines from \doorbell\config on the
 * ESP ('#' starts a comment). Absent on a USB stick booted by hand: every
 * key then has its default.
 */
#ifndef DOORBELL_CONFIG_H
#define DOORBELL_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#define CONFIG_MAX_KEYS  48
#define CONFIG_KEY_MAX   32
#define CONFIG_VALUE_MAX 192

/* Parses text; returns the number of malformed lines (ignored). */
int config_parse(const char *text, uint32_t len);
const char *config_get(const char *key);
const char *config_get_or(const char *key, const char *def);
bool config_get_bool(const char *key, bool def);
unsigned config_count(void);
/* i-th key and value, for the report. */
bool config_entry(unsigned i, const char **key, const char **value);
/* Forgets every key (host tests parse several configurations). */
void config_reset(void);

#endif
