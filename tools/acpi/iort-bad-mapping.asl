/*
 * IORT variant modelled on QEMU virt's (revision 3: one ITS group, one
 * root complex for segment 0), with two broken ID mappings:
 *  - RIDs 0x0000-0x00FF: output reference 0x999, which points at no node
 *    (DEN 0049 section 3.1.1.2: it must be the offset of an ITS group or SMMU);
 *  - RIDs 0x0080-0xFFFF: overlaps the first range.
 * Compile: iasl -p build/acpi/iort-bad-mapping tools/acpi/iort-bad-mapping.asl
 */
[0004]                          Signature : "IORT"    [IO Remapping Table]
[0004]                       Table Length : 00000094
[0001]                           Revision : 03
[0001]                           Checksum : 00
[0006]                             Oem ID : "DOORBL"
[0008]                       Oem Table ID : "IORTBAD "
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 00000000

[0004]                         Node Count : 00000002
[0004]                        Node Offset : 00000030
[0004]                           Reserved : 00000000

[0001]                               Type : 00
[0002]                             Length : 0018
[0001]                           Revision : 01
[0004]                           Reserved : 00000000
[0004]                      Mapping Count : 00000000
[0004]                     Mapping Offset : 00000000

[0004]                           ItsCount : 00000001
[0004]                        Identifiers : 00000000

[0001]                               Type : 02
[0002]                             Length : 004C
[0001]                           Revision : 03
[0004]                           Reserved : 00000000
[0004]                      Mapping Count : 00000002
[0004]                     Mapping Offset : 00000024

[0008]                  Memory Properties : [IORT Memory Access Properties]
[0004]                    Cache Coherency : 00000001
[0001]              Hints (decoded below) : 00
                                Transient : 0
                           Write Allocate : 0
                            Read Allocate : 0
                                 Override : 0
[0002]                           Reserved : 0000
[0001]       Memory Flags (decoded below) : 03
                                Coherency : 1
                         Device Attribute : 1
[0004]                      ATS Attribute : 00000000
[0004]                 PCI Segment Number : 00000000
[0001]                  Memory Size Limit : 40
[0003]                           Reserved : 000000

[0004]                         Input base : 00000000
[0004]                           ID Count : 000000FF
[0004]                        Output Base : 00000000
[0004]                   Output Reference : 00000999
[0004]              Flags (decoded below) : 00000000
                           Single Mapping : 0

[0004]                         Input base : 00000080
[0004]                           ID Count : 0000FF7F
[0004]                        Output Base : 00000080
[0004]                   Output Reference : 00000030
[0004]              Flags (decoded below) : 00000000
                           Single Mapping : 0
