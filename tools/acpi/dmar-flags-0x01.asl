/*
 * DMAR variant: flags 0x01, modelled on QEMU q35's DMAR (one DRHD at
 * 0xFED90000, not INCLUDE_PCI_ALL, an IOAPIC scope on bus 0xFF and the bus-0
 * endpoints 00:1F.0 and 00:01.0, where edu sits in the IMS configurations;
 * one ATSR for all root ports).
 *   bit 0 INTR_REMAP, bit 1 X2APIC_OPT_OUT, bit 2 DMA_CTRL_PLATFORM_OPT_IN
 *   (VT-d spec section 8.1); bit 3: EXPERIMENTAL IMS opt-in, NOT in the VT-d spec
 *   (the first reserved bit; see tools/acpi/README.md).
 * Compile: iasl -p build/acpi/dmar-flags-0x01 tools/acpi/dmar-flags-0x01.asl
 */
[0004]                          Signature : "DMAR"    [DMA Remapping table]
[0004]                       Table Length : 00000060
[0001]                           Revision : 01
[0001]                           Checksum : 00
[0006]                             Oem ID : "DOORBL"
[0008]                       Oem Table ID : "DMARFL01"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 00000000

[0001]                 Host Address Width : 26
[0001]                              Flags : 01
[0010]                           Reserved : 00 00 00 00 00 00 00 00 00 00

[0002]                      Subtable Type : 0000 [Hardware Unit Definition]
[0002]                             Length : 0028

[0001]                              Flags : 00
[0001]                           Reserved : 00
[0002]                 PCI Segment Number : 0000
[0008]              Register Base Address : 00000000FED90000

[0001]                  Device Scope Type : 03 [IOAPIC Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : FF
[0002]                           PCI Path : 00,00

[0001]                  Device Scope Type : 01 [PCI Endpoint Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 1F,00

[0001]                  Device Scope Type : 01 [PCI Endpoint Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 01,00

[0002]                      Subtable Type : 0002 [Root Port ATS Capability]
[0002]                             Length : 0008

[0001]                              Flags : 01
[0001]                           Reserved : 00
[0002]                 PCI Segment Number : 0000
