/* SPDX-License-Identifier: MIT */
/* Guest-only: bringing the console up. */
#ifndef DOORBELL_CONSOLE_INIT_H
#define DOORBELL_CONSOLE_INIT_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/handoff.h"
#include "drivers/serial/serial.h"

/* spcr_base: the console's address from the ACPI SPCR, 0 for the arch default. */
void console_init(uint64_t spcr_base);
const struct serial_port *console_serial(void);

/*
 * The framebuffer console beside the serial port (drivers/video/fbcon.h): on
 * when fb can be drawn on, collecting text from the first line on. Call
 * before the first line, then console_screen_map once the own page tables are
 * in place: it maps the framebuffer and goes live (draws what was printed so
 * far, then every line as it comes).
 */
void console_screen_init(const struct boot_fb *fb);
void console_screen_map(const struct boot_fb *fb);
/* console_screen_map made it live: each line is drawn as it is printed. */
bool console_screen_live(void);
/* Waits, bounded, for any byte on the serial port (the runner's go-ahead); true if one came. */
bool console_go_ahead(uint32_t timeout_us);
/* "on", or why the framebuffer console is off. */
const char *console_screen_state(void);
struct run_counts;
/*
 * The end of the run on the screen: the last screen drawn (verdict, counts or
 * NULL, the newest lines). With screen=wait in the config it then says so on
 * the serial port and waits, bounded, for any byte there: the runner's
 * go-ahead once it has taken its screendump.
 */
void console_finish(const char *verdict, const struct run_counts *counts);

#endif
