/*
 * DMAR variant: QEMU q35's DMAR shape with flags 0x01 (as dmar-flags-0x01.asl) whose DRHD has
 * three more device scopes (VT-d §8.3.1): a PCI endpoint scope for 00:02.0, which the
 * configuration makes a PCIe root port (a bridge, header type 1); a PCI endpoint scope for
 * 00:1F.7, where no function answers; a PCI sub-hierarchy scope for 00:1F.2, the SATA
 * controller (header type 0, class 01h: an endpoint; Linux accepts class 06h there).
 * doorbell reports dmar.scope-type-mismatch twice (errors) and dmar.scope-no-device once
 * (info). Configuration x86-dmar-scope-type.
 * Compile: iasl -p build/acpi/dmar-scope-type tools/acpi/dmar-scope-type.asl
 */
[0004]                          Signature : "DMAR"    [DMA Remapping table]
[0004]                       Table Length : 00000078
[0001]                           Revision : 01
[0001]                           Checksum : 00
[0006]                             Oem ID : "DOORBL"
[0008]                       Oem Table ID : "DMARSCOP"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 00000000

[0001]                 Host Address Width : 26
[0001]                              Flags : 01
[0010]                           Reserved : 00 00 00 00 00 00 00 00 00 00

[0002]                      Subtable Type : 0000 [Hardware Unit Definition]
[0002]                             Length : 0040

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

[0001]                  Device Scope Type : 01 [PCI Endpoint Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 02,00

[0001]                  Device Scope Type : 01 [PCI Endpoint Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 1F,07

[0001]                  Device Scope Type : 02 [PCI Bridge Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 1F,02

[0002]                      Subtable Type : 0002 [Root Port ATS Capability]
[0002]                             Length : 0008

[0001]                              Flags : 01
[0001]                           Reserved : 00
[0002]                 PCI Segment Number : 0000
