/* SPDX-License-Identifier: MIT */
/*
 * screen.live: the framebuffer shows the console while the run goes on.
 * Prints SCREEN_LIVE_MARKERS numbered marker lines (more than half of any
 * screen's rows, so the screen jumps at least once), then asks the runner for
 * a screendump and waits, bounded, for its go-ahead on the serial port. The
 * runner decodes the dump and checks that every text row is the one the
 * serial lines so far put there, the markers in order (docs/runner.md,
 * "The screen check"). Only where the runner dumps the screen (screen=wait).
 */
#include "kernel/console.h"
#include "kernel/console_init.h"
#include "kernel/test/dtest.h"

#define SCREEN_LIVE_MARKERS 40
#define SCREEN_LIVE_WAIT_US (10u * 1000 * 1000)

DTEST(screen_live, .name = "screen.live",
      .summary = "the framebuffer shows each console line as it is printed", .screen = true,
      .deadline_ms = 12000)
{
	if (!console_screen_live()) {
		dtest_skip(t, "the framebuffer console is not live: %s", console_screen_state());
		return;
	}
	for (unsigned i = 1; i <= SCREEN_LIVE_MARKERS; i++)
		kprintf("# screen: live marker %u of %u\n", i, SCREEN_LIVE_MARKERS);
	kprintf("# screen: live check; waiting for the go-ahead\n");
	DT_EXPECT(t, console_go_ahead(SCREEN_LIVE_WAIT_US),
		  "no go-ahead from the runner within %u s", SCREEN_LIVE_WAIT_US / 1000000);
}
