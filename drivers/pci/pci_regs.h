/* SPDX-License-Identifier: MIT */
/*
 * Configuration space registers (PCI Local Bus 3.0 §6, PCI Express Base 6.0
 * §7.5 and §7.7). Offsets are bytes from the start of a function's space.
 */
#ifndef DOORBELL_PCI_REGS_H
#define DOORBELL_PCI_REGS_H

/* Header common to every type (PCIe 6.0 §7.5.1.1). */
#define PCI_VENDOR_ID       0x00 /* 16 bits; 0xffff: no function here */
#define PCI_DEVICE_ID       0x02
#define PCI_COMMAND         0x04
#define PCI_STATUS          0x06
#define PCI_REVISION_ID     0x08 /* class code in bits 31:8 of this dword */
#define PCI_HEADER_TYPE     0x0e
#define PCI_BAR0            0x10
#define PCI_CAP_PTR         0x34 /* types 0 and 1 */
#define PCI_CARDBUS_CAP_PTR 0x14 /* type 2 */

#define PCI_VENDOR_NONE 0xffff

#define PCI_COMMAND_IO           (1u << 0)
#define PCI_COMMAND_MEMORY       (1u << 1)
#define PCI_COMMAND_MASTER       (1u << 2)
#define PCI_COMMAND_INTX_DISABLE (1u << 10)

#define PCI_STATUS_CAP_LIST (1u << 4)

#define PCI_HEADER_TYPE_MASK      0x7f
#define PCI_HEADER_MULTI_FUNCTION 0x80
#define PCI_HEADER_NORMAL         0
#define PCI_HEADER_BRIDGE         1
#define PCI_HEADER_CARDBUS        2

/* Type 1 (PCI-to-PCI bridge, PCIe 6.0 §7.5.1.3). */
#define PCI_PRIMARY_BUS     0x18
#define PCI_SECONDARY_BUS   0x19
#define PCI_SUBORDINATE_BUS 0x1a

/* How many BARs each header type has (PCI Local Bus 3.0 §6.2.5.1). */
#define PCI_BARS_NORMAL  6
#define PCI_BARS_BRIDGE  2
#define PCI_BARS_CARDBUS 1

/* BAR low bits (PCI Local Bus 3.0 §6.2.5.1). */
#define PCI_BAR_IO_SPACE     (1u << 0)
#define PCI_BAR_MEM_TYPE     (3u << 1)
#define PCI_BAR_MEM_TYPE_32  (0u << 1)
#define PCI_BAR_MEM_TYPE_1M  (1u << 1) /* reserved since PCI 2.2 */
#define PCI_BAR_MEM_TYPE_64  (2u << 1)
#define PCI_BAR_MEM_PREFETCH (1u << 3)
#define PCI_BAR_MEM_MASK     0xfffffff0u
#define PCI_BAR_IO_MASK      0xfffffffcu

/* Capability list (PCI Local Bus 3.0 §6.7): ID byte, next pointer byte. */
#define PCI_CAP_ID          0
#define PCI_CAP_NEXT        1
#define PCI_CAP_FIRST_VALID 0x40 /* a pointer into the header is broken */
#define PCI_CAP_LIMIT       48   /* (256 - 64) / 4: more means a loop */

#define PCI_CAP_ID_PM   0x01
#define PCI_CAP_ID_MSI  0x05
#define PCI_CAP_ID_PCIE 0x10
#define PCI_CAP_ID_MSIX 0x11

/* MSI capability (PCIe 6.0 §7.7.1). */
#define PCI_MSI_FLAGS         2
#define PCI_MSI_FLAGS_ENABLE  (1u << 0)
#define PCI_MSI_FLAGS_QMASK   (7u << 1) /* log2 of vectors the function can use */
#define PCI_MSI_FLAGS_QSIZE   (7u << 4) /* log2 of vectors enabled */
#define PCI_MSI_FLAGS_64BIT   (1u << 7)
#define PCI_MSI_FLAGS_MASKBIT (1u << 8) /* per-vector masking */
#define PCI_MSI_ADDRESS_LO    4
#define PCI_MSI_ADDRESS_HI    8    /* 64-bit layout only */
#define PCI_MSI_DATA_32       8    /* 16 bits */
#define PCI_MSI_DATA_64       0x0c /* 16 bits */
#define PCI_MSI_MASK_32       0x0c /* with per-vector masking */
#define PCI_MSI_MASK_64       0x10
#define PCI_MSI_PENDING_32    0x10
#define PCI_MSI_PENDING_64    0x14

/* MSI-X capability (PCIe 6.0 §7.7.2). */
#define PCI_MSIX_FLAGS         2
#define PCI_MSIX_FLAGS_QSIZE   0x07ffu /* table size minus one */
#define PCI_MSIX_FLAGS_MASKALL (1u << 14)
#define PCI_MSIX_FLAGS_ENABLE  (1u << 15)
#define PCI_MSIX_TABLE         4
#define PCI_MSIX_PBA           8
#define PCI_MSIX_BIR_MASK      7u
#define PCI_MSIX_ENTRY_SIZE    16

/* MSI-X table entry and PBA (PCIe 6.0 §7.7.2.6 - §7.7.2.10). */
#define PCI_MSIX_ENTRY_ADDR_LO      0
#define PCI_MSIX_ENTRY_ADDR_HI      4
#define PCI_MSIX_ENTRY_DATA         8
#define PCI_MSIX_ENTRY_VECTOR_CTRL  12
#define PCI_MSIX_ENTRY_CTRL_MASKBIT (1u << 0)

/* PCI Express capability (PCIe 6.0 §7.5.3.2). */
#define PCI_EXP_FLAGS      2
#define PCI_EXP_FLAGS_VERS 0x000fu
#define PCI_EXP_FLAGS_TYPE 0x00f0u

#endif
