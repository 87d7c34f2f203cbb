import ParleySRTP
import Testing

@Suite("DTLS-SRTP keying material")
struct SRTPKeyingMaterialTests {
  @Test("AES_CM_80 material splits as client key | server key | client salt | server salt")
  func splitsAESCM80() throws {
    let exported = (0..<60).map { UInt8($0) }
    let material = try SRTPKeyingMaterial(exported: exported, profile: .aes128CMHmacSHA1Tag80)
    #expect(material.clientWrite.key == Array(0..<16))
    #expect(material.serverWrite.key == Array(16..<32))
    #expect(material.clientWrite.salt == Array(32..<46))
    #expect(material.serverWrite.salt == Array(46..<60))

    #expect(material.local(for: .client) == material.clientWrite)
    #expect(material.remote(for: .client) == material.serverWrite)
    #expect(material.local(for: .server) == material.serverWrite)
    #expect(material.remote(for: .server) == material.clientWrite)
  }

  @Test("GCM material uses 12-byte salts")
  func splitsGCM() throws {
    let material128 = try SRTPKeyingMaterial(exported: (0..<56).map { UInt8($0) }, profile: .aeadAES128GCM)
    #expect(material128.clientWrite.key == Array(0..<16))
    #expect(material128.serverWrite.key == Array(16..<32))
    #expect(material128.clientWrite.salt == Array(32..<44))
    #expect(material128.serverWrite.salt == Array(44..<56))

    let material256 = try SRTPKeyingMaterial(exported: (0..<88).map { UInt8($0) }, profile: .aeadAES256GCM)
    #expect(material256.clientWrite.key == Array(0..<32))
    #expect(material256.serverWrite.key == Array(32..<64))
    #expect(material256.clientWrite.salt == Array(64..<76))
    #expect(material256.serverWrite.salt == Array(76..<88))
  }

  @Test("material of the wrong length throws")
  func wrongLengthThrows() {
    #expect(throws: SRTPError.invalidKeyLength(expected: 60, actual: 59)) {
      try SRTPKeyingMaterial(exported: [UInt8](repeating: 1, count: 59), profile: .aes128CMHmacSHA1Tag80)
    }
  }

  @Test("profiles map from their DTLS use_srtp ids")
  func profileIDs() {
    #expect(SRTPProtectionProfile(rawValue: 0x0001) == .aes128CMHmacSHA1Tag80)
    #expect(SRTPProtectionProfile(rawValue: 0x0002) == .aes128CMHmacSHA1Tag32)
    #expect(SRTPProtectionProfile(rawValue: 0x0007) == .aeadAES128GCM)
    #expect(SRTPProtectionProfile(rawValue: 0x0008) == .aeadAES256GCM)
    #expect(SRTPProtectionProfile(rawValue: 0x0005) == nil)
    #expect(
      SRTPProtectionProfile.allCases.map(\.keyingMaterialLength) == [60, 60, 56, 88])
    #expect(SRTPProtectionProfile.aes128CMHmacSHA1Tag80.openSSLName == "SRTP_AES128_CM_SHA1_80")
  }

  @Test("a master key's description hides the secret")
  func descriptionRedacts() throws {
    let key = SRTPMasterKey(key: [UInt8](repeating: 0xAB, count: 16), salt: [UInt8](repeating: 0xCD, count: 14))
    #expect(!"\(key)".contains("171"))
    #expect("\(key)" == "SRTPMasterKey(16-byte key, 14-byte salt)")
  }
}
