/* SPDX-License-Identifier: MIT */
/*
 * SMMUv3 register map (Arm IHI 0070, chapter 6). Page 0 at the base from the
 * IORT, page 1 (the event and PRI queue indexes) at base + 64 KiB. 32-bit
 * registers take 32-bit accesses, the 64-bit ones (bases, IRQ_CFG0) one
 * 64-bit access (§6.2).
 */
#ifndef DOORBELL_SMMUV3_REGS_H
#define DOORBELL_SMMUV3_REGS_H

#define SMMUV3_MMIO_SIZE 0x20000u
#define SMMUV3_PAGE1     0x10000u

#define SMMUV3_IDR0            0x00
#define SMMUV3_IDR1            0x04
#define SMMUV3_IDR2            0x08
#define SMMUV3_IDR3            0x0c
#define SMMUV3_IDR4            0x10
#define SMMUV3_IDR5            0x14
#define SMMUV3_IIDR            0x18
#define SMMUV3_AIDR            0x1c
#define SMMUV3_CR0             0x20
#define SMMUV3_CR0ACK          0x24
#define SMMUV3_CR1             0x28
#define SMMUV3_CR2             0x2c
#define SMMUV3_STATUSR         0x40
#define SMMUV3_GBPA            0x44
#define SMMUV3_IRQ_CTRL        0x50
#define SMMUV3_IRQ_CTRLACK     0x54
#define SMMUV3_GERROR          0x60
#define SMMUV3_GERRORN         0x64
#define SMMUV3_GERROR_IRQ_CFG0 0x68
#define SMMUV3_STRTAB_BASE     0x80
#define SMMUV3_STRTAB_BASE_CFG 0x88
#define SMMUV3_CMDQ_BASE       0x90
#define SMMUV3_CMDQ_PROD       0x98
#define SMMUV3_CMDQ_CONS       0x9c
#define SMMUV3_EVENTQ_BASE     0xa0
#define SMMUV3_EVENTQ_PROD     (SMMUV3_PAGE1 + 0xa8)
#define SMMUV3_EVENTQ_CONS     (SMMUV3_PAGE1 + 0xac)
#define SMMUV3_EVENTQ_IRQ_CFG0 0xb0

/* IDR0 (§6.3.1) */
#define SMMUV3_IDR0_S2P            (1u << 0)
#define SMMUV3_IDR0_S1P            (1u << 1)
#define SMMUV3_IDR0_TTF(v)         (((v) >> 2) & 3u) /* 1 AArch32, 2 AArch64, 3 both */
#define SMMUV3_IDR0_COHACC         (1u << 4)
#define SMMUV3_IDR0_BTM            (1u << 5)
#define SMMUV3_IDR0_HTTU(v)        (((v) >> 6) & 3u)
#define SMMUV3_IDR0_ATS            (1u << 10)
#define SMMUV3_IDR0_ASID16         (1u << 12)
#define SMMUV3_IDR0_MSI            (1u << 13)
#define SMMUV3_IDR0_PRI            (1u << 16)
#define SMMUV3_IDR0_VMID16         (1u << 18)
#define SMMUV3_IDR0_CD2L           (1u << 19)
#define SMMUV3_IDR0_TTENDIAN(v)    (((v) >> 21) & 3u) /* 0 mixed, 2 little, 3 big */
#define SMMUV3_IDR0_STALL_MODEL(v) (((v) >> 24) & 3u)
#define SMMUV3_IDR0_TERM_MODEL     (1u << 26)
#define SMMUV3_IDR0_ST_LEVEL(v)    (((v) >> 27) & 3u) /* 0 linear only, 1 two-level too */
#define SMMUV3_IDR1_SIDSIZE(v)     ((v)&0x3fu)
#define SMMUV3_IDR1_SSIDSIZE(v)    (((v) >> 6) & 0x1fu)
#define SMMUV3_IDR1_EVENTQS(v)     (((v) >> 16) & 0x1fu)
#define SMMUV3_IDR1_CMDQS(v)       (((v) >> 21) & 0x1fu)
#define SMMUV3_IDR1_QUEUES_PRESET  (1u << 29)
#define SMMUV3_IDR1_TABLES_PRESET  (1u << 30)
#define SMMUV3_IDR3_RIL            (1u << 10)
#define SMMUV3_IDR5_OAS(v)         ((v)&7u)
#define SMMUV3_IDR5_GRAN4K         (1u << 4)
#define SMMUV3_IDR5_GRAN16K        (1u << 5)
#define SMMUV3_IDR5_GRAN64K        (1u << 6)

/* CR0 / CR0ACK (§6.3.9) */
#define SMMUV3_CR0_SMMUEN   (1u << 0)
#define SMMUV3_CR0_EVENTQEN (1u << 2)
#define SMMUV3_CR0_CMDQEN   (1u << 3)

/*
 * SMMU_CR1 (§6.3.11): QUEUE_IC 1:0, QUEUE_OC 3:2, QUEUE_SH 5:4, TABLE_IC 7:6,
 * TABLE_OC 9:8, TABLE_SH 11:10. Cacheability 0b00 non-cacheable, 0b01
 * write-back, 0b10 write-through, 0b11 reserved; shareability 0b00 non,
 * 0b01 reserved, 0b10 outer, 0b11 inner.
 */
#define SMMUV3_CR1_CACHE_WB    1u
#define SMMUV3_CR1_SH_ISH      3u
#define SMMUV3_CR1_QUEUE_IC(v) ((v) << 0)
#define SMMUV3_CR1_QUEUE_OC(v) ((v) << 2)
#define SMMUV3_CR1_QUEUE_SH(v) ((v) << 4)
#define SMMUV3_CR1_TABLE_IC(v) ((v) << 6)
#define SMMUV3_CR1_TABLE_OC(v) ((v) << 8)
#define SMMUV3_CR1_TABLE_SH(v) ((v) << 10)
/* Queue and table accesses write-back cacheable, inner shareable: 0xd75. */
#define SMMUV3_CR1_WB_ISH                                                                          \
	(SMMUV3_CR1_QUEUE_IC(SMMUV3_CR1_CACHE_WB) | SMMUV3_CR1_QUEUE_OC(SMMUV3_CR1_CACHE_WB) |     \
	 SMMUV3_CR1_QUEUE_SH(SMMUV3_CR1_SH_ISH) | SMMUV3_CR1_TABLE_IC(SMMUV3_CR1_CACHE_WB) |       \
	 SMMUV3_CR1_TABLE_OC(SMMUV3_CR1_CACHE_WB) | SMMUV3_CR1_TABLE_SH(SMMUV3_CR1_SH_ISH))
/* CR2 (§6.3.12) */
#define SMMUV3_CR2_RECINVSID (1u << 1)
#define SMMUV3_CR2_PTM       (1u << 2)

/* IRQ_CTRL (§6.3.21) */
#define SMMUV3_IRQ_CTRL_GERROR_IRQEN (1u << 0)
#define SMMUV3_IRQ_CTRL_EVENTQ_IRQEN (1u << 2)

/* GERROR (§6.3.23) */
#define SMMUV3_GERROR_CMDQ_ERR     (1u << 0)
#define SMMUV3_GERROR_EVENTQ_ABT   (1u << 2)
#define SMMUV3_GERROR_PRIQ_ABT     (1u << 3)
#define SMMUV3_GERROR_MSI_CMDQ_ABT (1u << 4)
#define SMMUV3_GERROR_SFM          (1u << 8)

/* STRTAB_BASE (§6.3.24), STRTAB_BASE_CFG (§6.3.25) */
#define SMMUV3_STRTAB_BASE_RA     (1ull << 62)
#define SMMUV3_BASE_ADDR_MASK     0x000fffffffffffc0ull /* 51:6 */
#define SMMUV3_STRTAB_CFG_LINEAR  (0u << 16)
#define SMMUV3_STRTAB_CFG_LOG2(n) ((n)&0x3fu)

/* CMDQ_BASE / EVENTQ_BASE (§6.3.26, §6.3.29): address 51:5, LOG2SIZE 4:0. */
#define SMMUV3_Q_BASE_RWA       (1ull << 62)
#define SMMUV3_Q_BASE_ADDR      0x000fffffffffffe0ull
#define SMMUV3_CMDQ_CONS_ERR(v) (((v) >> 24) & 0x7fu)
#define SMMUV3_EVENTQ_OVFLG     (1u << 31)

#endif
