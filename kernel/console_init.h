/* SPDX-License-Identifier: MIT */
/* Guest-only: bringing the console up. */
#ifndef DOORBELL_CONSOLE_INIT_H
#define DOORBELL_CONSOLE_INIT_H

#include <stdint.h>

#include "drivers/serial/serial.h"

/* spcr_base: the console's address from the ACPI SPCR, 0 for the arch default. */
void console_init(uint64_t spcr_base);
const struct serial_port *console_serial(void);

#endif
