/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_spcr.h"

#include <string.h>

#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"

#define SPCR_V2_LEN 80u

static uint32_t spcr_baud(uint8_t code)
{
	switch (code) {
	case 3: return 9600;
	case 4: return 19200;
	case 6: return 57600;
	case 7: return 115200;
	}
	return 0;
}

int acpi_spcr_parse(const uint8_t *data, uint32_t len, struct acpi_spcr *s, struct findings *f)
{
	memset(s, 0, sizeof(*s));
	struct acpi_cursor c;
	struct acpi_header h;
	int err = acpi_table_open(data, len, "SPCR", SPCR_V2_LEN, &c, &h, f);
	if (err)
		return err;
	s->revision = h.revision;
	s->length = c.len;
	s->interface_type = acpi_u8(&c, 36);
	if (!acpi_cursor_zero(&c, 37, 3))
		finding_add(f, FINDING_WARNING, "SPCR", 37, "reserved bytes 37-39 must be 0");
	acpi_get_gas(&c, 40, &s->base);
	s->interrupt_type = acpi_u8(&c, 52);
	s->irq = acpi_u8(&c, 53);
	s->gsiv = acpi_u32(&c, 54);
	s->baud_code = acpi_u8(&c, 58);
	s->baud = spcr_baud(s->baud_code);
	s->parity = acpi_u8(&c, 59);
	s->stop_bits = acpi_u8(&c, 60);
	s->flow_control = acpi_u8(&c, 61);
	s->terminal_type = acpi_u8(&c, 62);
	if (s->baud_code && !s->baud)
		finding_add(f, FINDING_WARNING, "SPCR", 58,
			    "baud rate code %u is not defined (0, 3, 4, 6 or 7)", s->baud_code);
	if (s->interrupt_type & 0xf0)
		finding_add(f, FINDING_WARNING, "SPCR", 52,
			    "interrupt type 0x%02x: bits 7:4 are reserved", s->interrupt_type);
	if (!s->base.address)
		finding_add(f, FINDING_ERROR, "SPCR", 40, "base address is 0");
	if (s->revision >= 3)
		acpi_get32(&c, 76, &s->uart_clock);
	if (s->revision >= 4)
		acpi_get32(&c, 80, &s->precise_baud);
	return 0;
}
