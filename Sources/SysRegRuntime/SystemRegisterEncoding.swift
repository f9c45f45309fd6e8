/// The five fields that address an AArch64 system register in an MRS or MSR instruction.
///
/// The fields are those of the Arm ARM's "System instruction class encoding": op0 (2 bits),
/// op1 (3), CRn (4), CRm (4) and op2 (3). `SCTLR_EL1` is op0 = 3, op1 = 0, CRn = 1, CRm = 0,
/// op2 = 0, which assemblers accept as the generic name `S3_0_C1_C0_0`.
public struct SystemRegisterEncoding: Hashable, Sendable {
    /// The 16-bit packed id `op0 << 14 | op1 << 11 | CRn << 7 | CRm << 3 | op2`: the value of
    /// Apple's Hypervisor.framework `hv_sys_reg_t` (`<Hypervisor/hv_vcpu_types.h>`; its
    /// `HV_SYS_REG_SCTLR_EL1` is `0xc080`), and the low 16 bits of ``kvmOneRegID``.
    ///
    /// The encoding is stored as this id, the fields taken from it: `vhe ? alias : own` between
    /// two encodings written as ids (the generated `save` and `restore`) is then a choice of two
    /// constants in an optimized client, where five stored fields took a decode after the choice.
    public let packedID: UInt16

    /// The op0 field: 3 for most registers, 2 for debug and trace registers.
    @inlinable
    public var op0: UInt8 { UInt8(truncatingIfNeeded: packedID &>> 14) }
    /// The op1 field; 5 selects the `*_EL12` and `*_EL02` aliases.
    @inlinable
    public var op1: UInt8 { UInt8(truncatingIfNeeded: packedID &>> 11) & 7 }
    /// The CRn field.
    @inlinable
    public var crn: UInt8 { UInt8(truncatingIfNeeded: packedID &>> 7) & 15 }
    /// The CRm field.
    @inlinable
    public var crm: UInt8 { UInt8(truncatingIfNeeded: packedID &>> 3) & 15 }
    /// The op2 field.
    @inlinable
    public var op2: UInt8 { UInt8(truncatingIfNeeded: packedID) & 7 }

    /// Creates an encoding from its five fields, each cut to its field's width as the
    /// instruction's bits would carry it (op0 & 3, op1 & 7, CRn & 15, CRm & 15, op2 & 7), so
    /// fields taken from a trapped instruction's syndrome can never stop the host.
    @inlinable
    public init(op0: UInt8, op1: UInt8, crn: UInt8, crm: UInt8, op2: UInt8) {
        packedID =
            UInt16(op0 & 3) &<< 14 | UInt16(op1 & 7) &<< 11 | UInt16(crn & 15) &<< 7 | UInt16(crm & 15) &<< 3
            | UInt16(op2 & 7)
    }

    /// The encoding whose ``packedID`` is `packedID`.
    @inlinable
    public init(packedID: UInt16) {
        self.packedID = packedID
    }

    /// The same encoding with op1 = 5: the `*_EL12`/`*_EL02` alias that reaches this EL1 or EL0
    /// register from EL2 under VHE, as every such alias in the Arm ARM is built.
    public var el12Alias: Self {
        Self(op0: op0, op1: 5, crn: crn, crm: crm, op2: op2)
    }

    /// The assembler's generic name, such as `S3_0_C1_C0_0`.
    public var genericName: String {
        // At most 14 bytes, written into one small string (no allocation): interpolating its
        // ten parts cost 0.9M instructions for the kernel's header.
        String(unsafeUninitializedCapacity: 14) { name in
            var length = 0
            func put(_ byte: UInt8) {
                name[length] = byte
                length += 1
            }
            // In decimal; every field is below 16 (the initializer masks them).
            func put(field: UInt8) {
                if field >= 10 { put(UInt8(ascii: "1")) }
                put(UInt8(ascii: "0") + field % 10)
            }
            put(UInt8(ascii: "S"))
            put(field: op0)
            put(UInt8(ascii: "_"))
            put(field: op1)
            put(UInt8(ascii: "_"))
            put(UInt8(ascii: "C"))
            put(field: crn)
            put(UInt8(ascii: "_"))
            put(UInt8(ascii: "C"))
            put(field: crm)
            put(UInt8(ascii: "_"))
            put(field: op2)
            return length
        }
    }

    /// The value of the kernel's `sys_reg(op0, op1, crn, crm, op2)` macro
    /// (`arch/arm64/include/asm/sysreg.h`): the fields at their place in the instruction.
    @inlinable
    public var sysRegValue: UInt32 {
        UInt32(op0) << 19 | UInt32(op1) << 16 | UInt32(crn) << 12 | UInt32(crm) << 8 | UInt32(op2) << 5
    }

    /// The id `KVM_GET_ONE_REG` and `KVM_SET_ONE_REG` take for this register: the Linux uapi
    /// `asm/kvm.h` macro `ARM64_SYS_REG(op0, op1, crn, crm, op2)`, which is `KVM_REG_ARM64`
    /// (`0x6000000000000000`) | `KVM_REG_SIZE_U64` (`0x0030000000000000`) | `KVM_REG_ARM64_SYSREG`
    /// (`0x0013 << 16`) | ``packedID``.
    @inlinable
    public var kvmOneRegID: UInt64 {
        Self.kvmSystemRegisterIDs | UInt64(packedID)
    }

    /// What every system register's KVM one-reg id has above its ``packedID``:
    /// `KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG`.
    @inlinable
    public static var kvmSystemRegisterIDs: UInt64 { 0x6030_0000_0013_0000 }

    /// The ``packedID`` inside the KVM one-reg id `id`, or `nil` when `id` is not a system
    /// register's: the one rule that turns a KVM id into a register lookup.
    @inlinable
    public static func packedID(kvmOneRegID id: UInt64) -> UInt16? {
        id & ~0xFFFF == kvmSystemRegisterIDs ? UInt16(truncatingIfNeeded: id) : nil
    }
}

extension SystemRegisterEncoding: CustomStringConvertible {
    /// The generic name, as in ``genericName``.
    public var description: String { genericName }
}
