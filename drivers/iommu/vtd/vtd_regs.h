/* SPDX-License-Identifier: MIT */
/*
 * VT-d remapping unit registers used for interrupt remapping (VT-d 3.x
 * chapter 11; offsets and bits as QEMU's hw/i386/intel_iommu_internal.h and
 * Linux's include/linux/intel-iommu.h define them).
 */
#ifndef DOORBELL_VTD_REGS_H
#define DOORBELL_VTD_REGS_H

#define VTD_REG_VER     0x00 /* §11.4.1 */
#define VTD_REG_CAP     0x08 /* §11.4.2 */
#define VTD_REG_ECAP    0x10 /* §11.4.3 */
#define VTD_REG_GCMD    0x18 /* §11.4.4 */
#define VTD_REG_GSTS    0x1c /* §11.4.5 */
#define VTD_REG_FSTS    0x34 /* §11.4.9.1 */
#define VTD_REG_FECTL   0x38 /* §11.4.9.2 */
#define VTD_REG_FEDATA  0x3c /* §11.4.9.3 */
#define VTD_REG_FEADDR  0x40 /* §11.4.9.4 */
#define VTD_REG_FEUADDR 0x44 /* §11.4.9.5 */
#define VTD_REG_IQH     0x80 /* §11.4.10.1 */
#define VTD_REG_IQT     0x88 /* §11.4.10.2 */
#define VTD_REG_IQA     0x90 /* §11.4.10.3 */
#define VTD_REG_ICS     0x9c /* §11.4.10.4 */
#define VTD_REG_IRTA    0xb8 /* §11.4.11.1 */

/* CAP (§11.4.2) */
#define VTD_CAP_CM       (1ull << 7)
#define VTD_CAP_FRO(cap) ((unsigned)(((cap) >> 24) & 0x3ff)) /* in 16-byte units */
#define VTD_CAP_NFR(cap) ((unsigned)(((cap) >> 40) & 0xff) + 1)
/* ECAP (§11.4.3) */
#define VTD_ECAP_C   (1ull << 0) /* page-walk coherency */
#define VTD_ECAP_QI  (1ull << 1)
#define VTD_ECAP_IR  (1ull << 3)
#define VTD_ECAP_EIM (1ull << 4)

/* GCMD / GSTS (§11.4.4, §11.4.5): the same bit positions. */
#define VTD_GCMD_TE    (1u << 31)
#define VTD_GCMD_SRTP  (1u << 30)
#define VTD_GCMD_SFL   (1u << 29)
#define VTD_GCMD_EAFL  (1u << 28)
#define VTD_GCMD_WBF   (1u << 27)
#define VTD_GCMD_QIE   (1u << 26)
#define VTD_GCMD_IRE   (1u << 25)
#define VTD_GCMD_SIRTP (1u << 24)
#define VTD_GCMD_CFI   (1u << 23)
/* One-shot commands: never echoed back from GSTS into GCMD (§11.4.4: GSTS & 0x96FFFFFF). */
#define VTD_GCMD_ONE_SHOT (VTD_GCMD_SRTP | VTD_GCMD_SFL | VTD_GCMD_WBF | VTD_GCMD_SIRTP)

/* FSTS (§11.4.9.1) */
#define VTD_FSTS_PFO       (1u << 0)
#define VTD_FSTS_PPF       (1u << 1)
#define VTD_FSTS_IQE       (1u << 4)
#define VTD_FSTS_ICE       (1u << 5)
#define VTD_FSTS_ITE       (1u << 6)
#define VTD_FSTS_FRI(fsts) (((fsts) >> 8) & 0xff)

/* FECTL (§11.4.9.2): IM masks the fault event; IP says one is pending behind the mask. */
#define VTD_FECTL_IM (1u << 31)
#define VTD_FECTL_IP (1u << 30)

/* IQH (§11.4.10.1): QH 18:4 with 128-bit descriptors. */
#define VTD_IQH_QH(iqh) ((uint32_t)(((iqh) >> 4) & 0x7fff))
/* IQH.QH and IQT.QT (§11.4.10.1-2) as they stand in the registers: bits 18:4. */
#define VTD_IQ_PTR_MASK 0x7fff0ull

/* IQA (§11.4.10.3): base 63:12, DW bit 11 (0: 128-bit descriptors), QS 2:0 (2^(QS+8) entries). */
#define VTD_IQA_DW (1ull << 11)
/* ICS (§11.4.10.4) */
#define VTD_ICS_IWC (1u << 0)

/* IRTA (§11.4.11.1): base 63:12, EIME bit 11, S 3:0 (2^(S+1) entries). */
#define VTD_IRTA_EIME  (1ull << 11)
#define VTD_IRTA_S_MAX 15u

/* Fault recording register, high qword (§11.4.14): F 63, T 62, FR 39:32, SID 15:0. */
#define VTD_FRCD_HI_F       (1ull << 63)
#define VTD_FRCD_HI_FR(hi)  ((unsigned)(((hi) >> 32) & 0xff))
#define VTD_FRCD_HI_SID(hi) ((unsigned)((hi)&0xffff))
/* Low qword of an interrupt-remapping fault: the interrupt index in 63:48. */
#define VTD_FRCD_LO_IR_IDX(lo) ((unsigned)((lo) >> 48))

#endif
