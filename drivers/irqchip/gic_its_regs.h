/* SPDX-License-Identifier: MIT */
/* GICv3 ITS registers and command encodings (Arm IHI 0069H §12.19, §5.3). */
#ifndef DOORBELL_GIC_ITS_REGS_H
#define DOORBELL_GIC_ITS_REGS_H

#define GITS_CTLR       0x0000
#define GITS_IIDR       0x0004
#define GITS_TYPER      0x0008
#define GITS_CBASER     0x0080
#define GITS_CWRITER    0x0088
#define GITS_CREADR     0x0090
#define GITS_BASER(n)   (0x0100 + 8 * (n))
#define GITS_TRANSLATER 0x10040 /* in the translation frame, ITS base + 64 KiB */

#define GITS_CTLR_ENABLED   (1u << 0)
#define GITS_CTLR_QUIESCENT (1u << 31)

/* GITS_TYPER (§12.19.25) */
#define GITS_TYPER_PHYSICAL     (1ull << 0)
#define GITS_TYPER_ITT_ESIZE(t) ((unsigned)(((t) >> 4) & 0xf) + 1)
#define GITS_TYPER_ID_BITS(t)   ((unsigned)(((t) >> 8) & 0x1f) + 1)
#define GITS_TYPER_DEV_BITS(t)  ((unsigned)(((t) >> 13) & 0x1f) + 1)
#define GITS_TYPER_PTA          (1ull << 19)
#define GITS_TYPER_HCC(t)       ((unsigned)(((t) >> 24) & 0xff))
#define GITS_TYPER_CID_BITS(t)  ((unsigned)(((t) >> 32) & 0xf) + 1)
#define GITS_TYPER_CIL          (1ull << 36)

/* GITS_CBASER (§12.19.2), GITS_BASER<n> (§12.19.1) */
#define GITS_BASER_VALID       (1ull << 63)
#define GITS_BASER_INDIRECT    (1ull << 62)
#define GITS_BASER_IC_WBRAWA   (7ull << 59)
#define GITS_BASER_TYPE(b)     ((unsigned)(((b) >> 56) & 7))
#define GITS_BASER_ESIZE(b)    ((unsigned)(((b) >> 48) & 0x1f) + 1)
#define GITS_BASER_SH_INNER    (1ull << 10)
#define GITS_BASER_SH_MASK     (3ull << 10)
#define GITS_BASER_PSZ(b)      ((unsigned)(((b) >> 8) & 3))
#define GITS_BASER_PSZ_SHIFT   8
#define GITS_BASER_SIZE_MASK   0xffull
#define GITS_BASER_KEEP        ((7ull << 56) | (0x1full << 48)) /* Type, Entry_Size: read-only */
#define GITS_BASER_TYPE_NONE   0
#define GITS_BASER_TYPE_DEVICE 1
#define GITS_BASER_TYPE_VCPU   2
#define GITS_BASER_TYPE_COLL   4
#define GITS_L1_VALID          (1ull << 63) /* a level-1 entry of a two-level table */
#define GITS_CBASER_PAGES      16           /* 64 KiB: 2048 commands */

#define GITS_CREADR_STALLED (1ull << 0)
#define GITS_CQ_OFFSET_MASK 0xfffe0ull /* bits 19:5 */

/* Commands (§5.3): 32 bytes, the opcode in DW0[7:0]. */
#define GITS_CMD_MOVI    0x01
#define GITS_CMD_INT     0x03
#define GITS_CMD_CLEAR   0x04
#define GITS_CMD_SYNC    0x05
#define GITS_CMD_MAPD    0x08
#define GITS_CMD_MAPC    0x09
#define GITS_CMD_MAPTI   0x0a
#define GITS_CMD_INV     0x0c
#define GITS_CMD_INVALL  0x0d
#define GITS_CMD_DISCARD 0x0f
#define GITS_CMD_SIZE    32
#define GITS_CMD_VALID   (1ull << 63)

#endif
