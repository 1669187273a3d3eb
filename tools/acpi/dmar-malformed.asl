/*
 * DMAR variant that breaks the VT-d rules iasl lets a source express:
 *  - two DRHDs with INCLUDE_PCI_ALL for segment 0, and the first is not
 *    the last DRHD of its segment (VT-d section 8.3);
 *  - a DRHD register base that is not 4 KiB aligned (section 8.3);
 *  - RMRRs with an unaligned base, a limit + 1 not a multiple of 4 KiB,
 *    and base > limit (section 8.4), out of address order;
 *  - reserved table flag bits 7:4 set (section 8.1).
 * iasl (20200925) needs every Length to match the contents (it loops
 * forever otherwise), writes lengths and reserved fields itself, so bad
 * structure/scope lengths, scopes running past their structure and
 * non-zero reserved bytes cannot come from a source: the host tests build
 * those byte by byte (tests/host/acpi/test_dmar.c).
 */
[0004]                          Signature : "DMAR"    [DMA Remapping table]
[0004]                       Table Length : 000000A0
[0001]                           Revision : 01
[0001]                           Checksum : 00
[0006]                             Oem ID : "DOORBL"
[0008]                       Oem Table ID : "DMARBAD "
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 00000000

[0001]                 Host Address Width : 26
[0001]                              Flags : F1
[0010]                           Reserved : 00 00 00 00 00 00 00 00 00 00

[0002]                      Subtable Type : 0000 [Hardware Unit Definition]
[0002]                             Length : 0018

[0001]                              Flags : 01
[0001]                           Reserved : 00
[0002]                 PCI Segment Number : 0000
[0008]              Register Base Address : 00000000FED90000

[0001]                  Device Scope Type : 03 [IOAPIC Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0100
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : FF
[0002]                           PCI Path : 00,00

[0002]                      Subtable Type : 0000 [Hardware Unit Definition]
[0002]                             Length : 0018

[0001]                              Flags : 01
[0001]                           Reserved : 00
[0002]                 PCI Segment Number : 0000
[0008]              Register Base Address : 00000000FED91800

[0001]                  Device Scope Type : 03 [IOAPIC Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 01
[0001]                     PCI Bus Number : FE
[0002]                           PCI Path : 00,00

[0002]                      Subtable Type : 0001 [Reserved Memory Region]
[0002]                             Length : 0020

[0002]                           Reserved : 0000
[0002]                 PCI Segment Number : 0000
[0008]                       Base Address : 000000007C000800
[0008]                End Address (limit) : 000000007C7FFFFE

[0001]                  Device Scope Type : 01 [PCI Endpoint Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 14,00

[0002]                      Subtable Type : 0001 [Reserved Memory Region]
[0002]                             Length : 0020

[0002]                           Reserved : 0000
[0002]                 PCI Segment Number : 0000
[0008]                       Base Address : 0000000003000000
[0008]                End Address (limit) : 0000000002FFFFFF

[0001]                  Device Scope Type : 01 [PCI Endpoint Device]
[0001]                       Entry Length : 08
[0002]                           Reserved : 0000
[0001]                     Enumeration ID : 00
[0001]                     PCI Bus Number : 00
[0002]                           PCI Path : 02,00
