#ifndef __ASM_SYSREG_DEFS_H
#define __ASM_SYSREG_DEFS_H

/* Generated file - do not edit */

#define TESTCTLR_ELx_ADDR                               GENMASK(31, 8)
#define TESTCTLR_ELx_ADDR_MASK                          GENMASK(31, 8)
#define TESTCTLR_ELx_ADDR_SHIFT                         8
#define TESTCTLR_ELx_ADDR_WIDTH                         24

#define TESTCTLR_ELx_LEVEL                              GENMASK(7, 4)
#define TESTCTLR_ELx_LEVEL_MASK                         GENMASK(7, 4)
#define TESTCTLR_ELx_LEVEL_SHIFT                        4
#define TESTCTLR_ELx_LEVEL_WIDTH                        4
#define TESTCTLR_ELx_LEVEL_SIGNED                       false
#define TESTCTLR_ELx_LEVEL_NI                           UL(0b0000)
#define TESTCTLR_ELx_LEVEL_IMP                          UL(0b0001)
#define TESTCTLR_ELx_LEVEL_16K                          UL(0b0010)

#define TESTCTLR_ELx_EN                                 GENMASK(1, 1)
#define TESTCTLR_ELx_EN_MASK                            GENMASK(1, 1)
#define TESTCTLR_ELx_EN_SHIFT                           1
#define TESTCTLR_ELx_EN_WIDTH                           1

#define TESTCTLR_ELx_RES0                               (UL(0) | GENMASK_ULL(63, 33))
#define TESTCTLR_ELx_RES1                               (UL(0) | GENMASK_ULL(32, 32))
#define TESTCTLR_ELx_UNKN                               (UL(0) | GENMASK_ULL(0, 0))

#define REG_TESTCTLR_EL1                                S3_0_C15_C0_0
#define SYS_TESTCTLR_EL1                                sys_reg(3, 0, 15, 0, 0)
#define SYS_TESTCTLR_EL1_Op0                            3
#define SYS_TESTCTLR_EL1_Op1                            0
#define SYS_TESTCTLR_EL1_CRn                            15
#define SYS_TESTCTLR_EL1_CRm                            0
#define SYS_TESTCTLR_EL1_Op2                            0

/* For TESTCTLR_EL1 fields see TESTCTLR_ELx */

#define REG_TESTCTLR_EL12                               S3_5_C15_C0_0
#define SYS_TESTCTLR_EL12                               sys_reg(3, 5, 15, 0, 0)
#define SYS_TESTCTLR_EL12_Op0                           3
#define SYS_TESTCTLR_EL12_Op1                           5
#define SYS_TESTCTLR_EL12_CRn                           15
#define SYS_TESTCTLR_EL12_CRm                           0
#define SYS_TESTCTLR_EL12_Op2                           0

/* For TESTCTLR_EL12 fields see TESTCTLR_EL1 */

#define REG_TESTCTLRALIAS_EL1                           S3_0_C15_C0_6
#define SYS_TESTCTLRALIAS_EL1                           sys_reg(3, 0, 15, 0, 6)
#define SYS_TESTCTLRALIAS_EL1_Op0                       3
#define SYS_TESTCTLRALIAS_EL1_Op1                       0
#define SYS_TESTCTLRALIAS_EL1_CRn                       15
#define SYS_TESTCTLRALIAS_EL1_CRm                       0
#define SYS_TESTCTLRALIAS_EL1_Op2                       6

/* For TESTCTLRALIAS_EL1 fields see TESTCTLR_EL1 */

#define REG_TESTID_EL1                                  S3_0_C15_C1_0
#define SYS_TESTID_EL1                                  sys_reg(3, 0, 15, 1, 0)
#define SYS_TESTID_EL1_Op0                              3
#define SYS_TESTID_EL1_Op1                              0
#define SYS_TESTID_EL1_CRn                              15
#define SYS_TESTID_EL1_CRm                              1
#define SYS_TESTID_EL1_Op2                              0

#define TESTID_EL1_FP                                   GENMASK(63, 60)
#define TESTID_EL1_FP_MASK                              GENMASK(63, 60)
#define TESTID_EL1_FP_SHIFT                             60
#define TESTID_EL1_FP_WIDTH                             4
#define TESTID_EL1_FP_SIGNED                            true
#define TESTID_EL1_FP_IMP                               UL(0b0000)
#define TESTID_EL1_FP_FP16                              UL(0b0001)
#define TESTID_EL1_FP_NI                                UL(0b1111)

#define TESTID_EL1_MODE                                 GENMASK(59, 58)
#define TESTID_EL1_MODE_MASK                            GENMASK(59, 58)
#define TESTID_EL1_MODE_SHIFT                           58
#define TESTID_EL1_MODE_WIDTH                           2
#define TESTID_EL1_MODE_OFF                             UL(0b00)
#define TESTID_EL1_MODE_ON                              UL(0b11)

#define TESTID_EL1_SPARE                                GENMASK(57, 56)
#define TESTID_EL1_SPARE_MASK                           GENMASK(57, 56)
#define TESTID_EL1_SPARE_SHIFT                          56
#define TESTID_EL1_SPARE_WIDTH                          2

#define TESTID_EL1_RES0                                 (UL(0) | GENMASK_ULL(55, 1))
#define TESTID_EL1_RES1                                 (UL(0) | GENMASK_ULL(0, 0))
#define TESTID_EL1_UNKN                                 (UL(0))

#define REG_TESTVMCR_EL2                                S3_4_C15_C2_7
#define SYS_TESTVMCR_EL2                                sys_reg(3, 4, 15, 2, 7)
#define SYS_TESTVMCR_EL2_Op0                            3
#define SYS_TESTVMCR_EL2_Op1                            4
#define SYS_TESTVMCR_EL2_CRn                            15
#define SYS_TESTVMCR_EL2_CRm                            2
#define SYS_TESTVMCR_EL2_Op2                            7

#define FEAT_TEST_TESTVMCR_EL2_VPMR                     GENMASK(31, 27)
#define FEAT_TEST_TESTVMCR_EL2_VPMR_MASK                GENMASK(31, 27)
#define FEAT_TEST_TESTVMCR_EL2_VPMR_SHIFT               27
#define FEAT_TEST_TESTVMCR_EL2_VPMR_WIDTH               5

#define FEAT_TEST_TESTVMCR_EL2_EN                       GENMASK(0, 0)
#define FEAT_TEST_TESTVMCR_EL2_EN_MASK                  GENMASK(0, 0)
#define FEAT_TEST_TESTVMCR_EL2_EN_SHIFT                 0
#define FEAT_TEST_TESTVMCR_EL2_EN_WIDTH                 1

#define FEAT_TEST_TESTVMCR_EL2_RES0                     (UL(0) | GENMASK_ULL(63, 32) | GENMASK_ULL(26, 1))
#define FEAT_TEST_TESTVMCR_EL2_RES1                     (UL(0))
#define FEAT_TEST_TESTVMCR_EL2_UNKN                     (UL(0))

#define FEAT_OTHER_TESTVMCR_EL2_ALL                     GENMASK(63, 0)
#define FEAT_OTHER_TESTVMCR_EL2_ALL_MASK                GENMASK(63, 0)
#define FEAT_OTHER_TESTVMCR_EL2_ALL_SHIFT               0
#define FEAT_OTHER_TESTVMCR_EL2_ALL_WIDTH               64

#define FEAT_OTHER_TESTVMCR_EL2_RES0                    (UL(0))
#define FEAT_OTHER_TESTVMCR_EL2_RES1                    (UL(0))
#define FEAT_OTHER_TESTVMCR_EL2_UNKN                    (UL(0))

#define TESTVMCR_EL2_VPMR                               GENMASK(31, 24)
#define TESTVMCR_EL2_VPMR_MASK                          GENMASK(31, 24)
#define TESTVMCR_EL2_VPMR_SHIFT                         24
#define TESTVMCR_EL2_VPMR_WIDTH                         8

#define TESTVMCR_EL2_RES0                               (UL(0) | GENMASK_ULL(63, 32) | GENMASK_ULL(23, 0))
#define TESTVMCR_EL2_RES1                               (UL(0))
#define TESTVMCR_EL2_UNKN                               (UL(0))

#define REG_TESTADDR_EL1                                S3_0_C15_C3_0
#define SYS_TESTADDR_EL1                                sys_reg(3, 0, 15, 3, 0)
#define SYS_TESTADDR_EL1_Op0                            3
#define SYS_TESTADDR_EL1_Op1                            0
#define SYS_TESTADDR_EL1_CRn                            15
#define SYS_TESTADDR_EL1_CRm                            3
#define SYS_TESTADDR_EL1_Op2                            0

#define TESTADDR_EL1_ADDR                               GENMASK(63, 0)
#define TESTADDR_EL1_ADDR_MASK                          GENMASK(63, 0)
#define TESTADDR_EL1_ADDR_SHIFT                         0
#define TESTADDR_EL1_ADDR_WIDTH                         64

#define TESTADDR_EL1_RES0                               (UL(0))
#define TESTADDR_EL1_RES1                               (UL(0))
#define TESTADDR_EL1_UNKN                               (UL(0))

#define REG_TESTADDR_EL12                               S3_5_C15_C3_0
#define SYS_TESTADDR_EL12                               sys_reg(3, 5, 15, 3, 0)
#define SYS_TESTADDR_EL12_Op0                           3
#define SYS_TESTADDR_EL12_Op1                           5
#define SYS_TESTADDR_EL12_CRn                           15
#define SYS_TESTADDR_EL12_CRm                           3
#define SYS_TESTADDR_EL12_Op2                           0

#define TESTADDR_EL12_ADDR                              GENMASK(63, 0)
#define TESTADDR_EL12_ADDR_MASK                         GENMASK(63, 0)
#define TESTADDR_EL12_ADDR_SHIFT                        0
#define TESTADDR_EL12_ADDR_WIDTH                        64

#define TESTADDR_EL12_RES0                              (UL(0))
#define TESTADDR_EL12_RES1                              (UL(0))
#define TESTADDR_EL12_UNKN                              (UL(0))

#define REG_TESTMPAM_EL12                               S3_5_C15_C4_0
#define SYS_TESTMPAM_EL12                               sys_reg(3, 5, 15, 4, 0)
#define SYS_TESTMPAM_EL12_Op0                           3
#define SYS_TESTMPAM_EL12_Op1                           5
#define SYS_TESTMPAM_EL12_CRn                           15
#define SYS_TESTMPAM_EL12_CRm                           4
#define SYS_TESTMPAM_EL12_Op2                           0

/* For TESTMPAM_EL12 fields see TESTMPAM_ELx */

#define REG_TESTSTATE                                   S3_3_C15_C5_0
#define SYS_TESTSTATE                                   sys_reg(3, 3, 15, 5, 0)
#define SYS_TESTSTATE_Op0                               3
#define SYS_TESTSTATE_Op1                               3
#define SYS_TESTSTATE_CRn                               15
#define SYS_TESTSTATE_CRm                               5
#define SYS_TESTSTATE_Op2                               0

#define TESTSTATE_A_VERY_LONG_FIELD_NAME_THAT_PASSES_THE_DEFINE_COLUMNGENMASK(1, 1)
#define TESTSTATE_A_VERY_LONG_FIELD_NAME_THAT_PASSES_THE_DEFINE_COLUMN_MASKGENMASK(1, 1)
#define TESTSTATE_A_VERY_LONG_FIELD_NAME_THAT_PASSES_THE_DEFINE_COLUMN_SHIFT1
#define TESTSTATE_A_VERY_LONG_FIELD_NAME_THAT_PASSES_THE_DEFINE_COLUMN_WIDTH1

#define TESTSTATE_B                                     GENMASK(0, 0)
#define TESTSTATE_B_MASK                                GENMASK(0, 0)
#define TESTSTATE_B_SHIFT                               0
#define TESTSTATE_B_WIDTH                               1

#define TESTSTATE_RES0                                  (UL(0) | GENMASK_ULL(63, 2))
#define TESTSTATE_RES1                                  (UL(0))
#define TESTSTATE_UNKN                                  (UL(0))

#define REG_TESTNVHCR_EL2                               S3_4_C15_C6_0
#define SYS_TESTNVHCR_EL2                               sys_reg(3, 4, 15, 6, 0)
#define SYS_TESTNVHCR_EL2_Op0                           3
#define SYS_TESTNVHCR_EL2_Op1                           4
#define SYS_TESTNVHCR_EL2_CRn                           15
#define SYS_TESTNVHCR_EL2_CRm                           6
#define SYS_TESTNVHCR_EL2_Op2                           0

/* For TESTNVHCR_EL2 fields see TESTHCR_EL2 */

#define REG_TESTHCR_EL2                                 S3_4_C15_C6_1
#define SYS_TESTHCR_EL2                                 sys_reg(3, 4, 15, 6, 1)
#define SYS_TESTHCR_EL2_Op0                             3
#define SYS_TESTHCR_EL2_Op1                             4
#define SYS_TESTHCR_EL2_CRn                             15
#define SYS_TESTHCR_EL2_CRm                             6
#define SYS_TESTHCR_EL2_Op2                             1

#define TESTHCR_EL2_BITS                                GENMASK(63, 0)
#define TESTHCR_EL2_BITS_MASK                           GENMASK(63, 0)
#define TESTHCR_EL2_BITS_SHIFT                          0
#define TESTHCR_EL2_BITS_WIDTH                          64

#define TESTHCR_EL2_RES0                                (UL(0))
#define TESTHCR_EL2_RES1                                (UL(0))
#define TESTHCR_EL2_UNKN                                (UL(0))

#endif /* __ASM_SYSREG_DEFS_H */
