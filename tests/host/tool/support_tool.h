/* SPDX-License-Identifier: MIT */
/* Test helpers for doorbell-acpi's --diff and --coverage: small tables built into a platform. */
#ifndef DOORBELL_TESTS_SUPPORT_TOOL_H
#define DOORBELL_TESTS_SUPPORT_TOOL_H

#include <stdint.h>

#include "drivers/acpi/acpi_platform.h"
#include "tests/host/acpi/support_acpi.h"

/* The table being built (tb_* from support_acpi.h work on it). */
extern struct tb tool_tb;

void dmar_start(uint8_t flags);
void dmar_drhd(uint8_t flags, uint16_t seg, uint64_t base, unsigned scopes);
/* A one-hop PCI scope (6 + 2 bytes) or an IOAPIC/HPET scope with its enumeration id. */
void dmar_scope(uint8_t type, uint8_t id, uint8_t bus, uint8_t dev, uint8_t fn);

void iort_start(uint32_t nodes);
uint32_t iort_its_group(uint32_t its_id);
uint32_t iort_rc(uint32_t seg, uint32_t maps);
uint32_t iort_smmuv3(uint64_t base, uint32_t maps);
void iort_map(uint32_t in, uint32_t count_minus_one, uint32_t out, uint32_t ref);

void mcfg_start(void);
void mcfg_entry(uint64_t base, uint16_t seg, uint8_t lo, uint8_t hi);

void madt_start(void);
void madt_lapic(uint8_t uid, uint8_t apic_id, uint32_t flags);
void madt_ioapic(uint8_t id, uint32_t addr, uint32_t gsi_base);

/* Finishes the table and parses it into p (which is first cleared when fresh); asserts 0. */
void tool_parse(struct acpi_platform *p, struct findings *f, bool fresh);

#endif
