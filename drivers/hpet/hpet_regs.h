/* SPDX-License-Identifier: MIT */
/* HPET registers (IA-PC HPET spec 1.0a §2.3), offsets from the block's base. */
#ifndef DOORBELL_HPET_REGS_H
#define DOORBELL_HPET_REGS_H

#include <stdint.h>

#define HPET_GCAP_ID         0x000
#define HPET_GCAP_LEG_RT     (1ull << 15)
#define HPET_GCAP_64BIT      (1ull << 13)
#define HPET_GCAP_NUM_TIM(v) ((unsigned)(((v) >> 8) & 0x1f) + 1)
#define HPET_GCAP_PERIOD(v)  ((uint32_t)((v) >> 32)) /* femtoseconds per tick */
#define HPET_GEN_CONF        0x010
#define HPET_CONF_ENABLE     (1ull << 0)
#define HPET_CONF_LEG_RT     (1ull << 1)
#define HPET_GINTR_STA       0x020
#define HPET_MAIN_CNT        0x0f0
#define HPET_TN_CONF(n)      (0x100 + 0x20 * (n))
#define HPET_TN_CMP(n)       (0x108 + 0x20 * (n))
#define HPET_TN_FSB(n)       (0x110 + 0x20 * (n)) /* 31:0 value, 63:32 address */

/* Tn_CONF_CAP (§2.3.8) */
#define HPET_TN_LEVEL        (1ull << 1) /* Tn_INT_TYPE_CNF */
#define HPET_TN_INT_ENB      (1ull << 2)
#define HPET_TN_PERIODIC     (1ull << 3) /* Tn_TYPE_CNF */
#define HPET_TN_PER_CAP      (1ull << 4)
#define HPET_TN_SIZE_CAP     (1ull << 5) /* 64-bit comparator */
#define HPET_TN_VAL_SET      (1ull << 6)
#define HPET_TN_32MODE       (1ull << 8)
#define HPET_TN_ROUTE_SHIFT  9
#define HPET_TN_ROUTE_MASK   (0x1full << 9) /* Tn_INT_ROUTE_CNF */
#define HPET_TN_FSB_EN       (1ull << 14)
#define HPET_TN_FSB_CAP      (1ull << 15)            /* Tn_FSB_INT_DEL_CAP */
#define HPET_TN_ROUTE_CAP(v) ((uint32_t)((v) >> 32)) /* bit n: I/O APIC input n allowed */

/*
 * The I/O APIC input a timer with route capability cap should use among
 * [first, last]: the lowest allowed one at or above `prefer` (inputs below
 * 16 are ISA lines others may drive), else the lowest allowed one in range;
 * -1 when none is.
 */
int hpet_route_pick(uint32_t cap, unsigned first, unsigned last, unsigned prefer);

#endif
