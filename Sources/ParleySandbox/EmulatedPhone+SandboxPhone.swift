/// The emulated phone is what the emulated cloud rings and answers through.
extension EmulatedPhone: SandboxPhone {}
