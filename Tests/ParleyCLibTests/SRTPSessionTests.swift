import ParleySRTP
import ParleyTesting
import Testing

@Suite("SRTP sessions")
struct SRTPSessionTests {
  /// A client and a server session keyed from the same exported material.
  static func pair(_ profile: SRTPProtectionProfile) throws -> (client: SRTPSession, server: SRTPSession) {
    let exported = (0..<profile.keyingMaterialLength).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    let material = try SRTPKeyingMaterial(exported: exported, profile: profile)
    return (
      try SRTPSession(keyingMaterial: material, role: .client), try SRTPSession(keyingMaterial: material, role: .server)
    )
  }

  /// An RTP packet: V=2, PT 111, the given sequence number, timestamp 0x01020304, SSRC 0xCAFEBABE,
  /// then 40 payload bytes.
  static func rtpPacket(sequence: UInt16 = 1) -> [UInt8] {
    [0x80, 111, UInt8(sequence >> 8), UInt8(sequence & 0xFF), 1, 2, 3, 4, 0xCA, 0xFE, 0xBA, 0xBE]
      + (0..<40).map { UInt8($0) }
  }

  /// An RTCP receiver report (RFC 3550 §6.4.2) with one report block: 32 bytes.
  static let rtcpPacket: [UInt8] =
    [0x81, 201, 0x00, 0x07, 0xCA, 0xFE, 0xBA, 0xBE] + [0x11, 0x22, 0x33, 0x44] + (0..<20).map { UInt8($0) }

  static func protect(_ packet: [UInt8], with session: SRTPSession, rtcp: Bool = false) throws -> [UInt8] {
    var buffer = packet + [UInt8](repeating: 0, count: 64)
    let length = try buffer.withUnsafeMutableBytes { bytes in
      rtcp
        ? try session.protectRTCP(in: bytes, length: packet.count)
        : try session.protectRTP(in: bytes, length: packet.count)
    }
    return Array(buffer[0..<length])
  }

  static func unprotect(_ packet: [UInt8], with session: SRTPSession, rtcp: Bool = false) throws -> [UInt8] {
    var buffer = packet
    let length = try buffer.withUnsafeMutableBytes { bytes in
      rtcp
        ? try session.unprotectRTCP(in: bytes, length: packet.count)
        : try session.unprotectRTP(in: bytes, length: packet.count)
    }
    return Array(buffer[0..<length])
  }

  @Test("RTP and RTCP survive protect and unprotect", arguments: SRTPProtectionProfile.allCases)
  func roundTrip(profile: SRTPProtectionProfile) throws {
    let (client, server) = try Self.pair(profile)
    let rtp = Self.rtpPacket()
    let srtp = try Self.protect(rtp, with: client)
    #expect(srtp.count == rtp.count + profile.rtpAuthTagLength)
    #expect(Array(srtp[0..<12]) == Array(rtp[0..<12]), "the RTP header stays in the clear")
    #expect(Array(srtp[12..<rtp.count]) != Array(rtp[12...]), "the payload is encrypted")
    #expect(try Self.unprotect(srtp, with: server) == rtp)

    let srtcp = try Self.protect(Self.rtcpPacket, with: server, rtcp: true)
    #expect(srtcp.count == Self.rtcpPacket.count + profile.rtcpTrailerLength)
    #expect(try Self.unprotect(srtcp, with: client, rtcp: true) == Self.rtcpPacket)
    #expect(client.authenticationFailures == 0 && server.authenticationFailures == 0)
  }

  @Test("the same packet twice is a replay")
  func replayThrows() throws {
    let (client, server) = try Self.pair(.aes128CMHmacSHA1Tag80)
    let srtp = try Self.protect(Self.rtpPacket(sequence: 7), with: client)
    _ = try Self.unprotect(srtp, with: server)
    #expect(throws: SRTPError.replay) { try Self.unprotect(srtp, with: server) }
    #expect(server.replays == 1)

    let srtcp = try Self.protect(Self.rtcpPacket, with: client, rtcp: true)
    _ = try Self.unprotect(srtcp, with: server, rtcp: true)
    #expect(throws: SRTPError.replay) { try Self.unprotect(srtcp, with: server, rtcp: true) }
    #expect(server.replays == 2)
    #expect(server.authenticationFailures == 0)
  }

  @Test("a flipped tag byte fails authentication and is counted", arguments: SRTPProtectionProfile.allCases)
  func flippedTagThrows(profile: SRTPProtectionProfile) throws {
    let (client, server) = try Self.pair(profile)
    let srtp = try Self.protect(Self.rtpPacket(), with: client)
    var forged = srtp
    forged[forged.count - 1] ^= 0x01
    #expect(throws: SRTPError.authenticationFailed) { try Self.unprotect(forged, with: server) }
    #expect(server.authenticationFailures == 1)
    #expect(server.replays == 0)
    // The forgery did not advance the replay window: the genuine packet still verifies.
    #expect(try Self.unprotect(srtp, with: server) == Self.rtpPacket())

    let srtcp = try Self.protect(Self.rtcpPacket, with: client, rtcp: true)
    var forgedRTCP = srtcp
    forgedRTCP[forgedRTCP.count - 1] ^= 0x80
    #expect(throws: SRTPError.authenticationFailed) { try Self.unprotect(forgedRTCP, with: server, rtcp: true) }
    #expect(server.authenticationFailures == 2)
  }

  @Test("a packet protected with our own key does not verify with the peer's")
  func wrongDirectionThrows() throws {
    let (client, _) = try Self.pair(.aes128CMHmacSHA1Tag80)
    let srtp = try Self.protect(Self.rtpPacket(), with: client)
    #expect(throws: SRTPError.authenticationFailed) { try Self.unprotect(srtp, with: client) }
  }

  @Test("truncated packets throw")
  func truncatedThrows() throws {
    let (client, server) = try Self.pair(.aes128CMHmacSHA1Tag80)
    let srtp = try Self.protect(Self.rtpPacket(), with: client)
    #expect(throws: SRTPError.packetTooShort(length: 15, minimum: 22)) {
      try Self.unprotect(Array(srtp[0..<15]), with: server)
    }
    #expect(throws: SRTPError.authenticationFailed) { try Self.unprotect(Array(srtp.dropLast()), with: server) }
    #expect(throws: SRTPError.packetTooShort(length: 4, minimum: 22)) {
      try Self.unprotect([0x80, 0xC9, 0, 1], with: server, rtcp: true)
    }
    #expect(throws: SRTPError.packetTooShort(length: 8, minimum: 12)) {
      try Self.protect(Array(Self.rtpPacket()[0..<8]), with: client)
    }
  }

  @Test("protect needs room for the trailer")
  func noRoomThrows() throws {
    let (client, _) = try Self.pair(.aes128CMHmacSHA1Tag80)
    var buffer = Self.rtpPacket() + [UInt8](repeating: 0, count: 9)
    #expect(throws: SRTPError.bufferTooSmall(capacity: 61, needed: 62)) {
      try buffer.withUnsafeMutableBytes { try client.protectRTP(in: $0, length: 52) }
    }
  }

  @Test("a sender may repeat a sequence number (keep-alive)")
  func repeatedSendIsAllowed() throws {
    let (client, server) = try Self.pair(.aes128CMHmacSHA1Tag80)
    let first = try Self.protect(Self.rtpPacket(sequence: 9), with: client)
    let second = try Self.protect(Self.rtpPacket(sequence: 9), with: client)
    #expect(first == second)
    _ = try Self.unprotect(first, with: server)
  }

  @Test("random bytes never crash unprotect")
  func randomBytesDoNotCrash() throws {
    let (_, server) = try Self.pair(.aes128CMHmacSHA1Tag80)
    var generator = SeededGenerator(seed: 42)
    var rejected = 0
    for round in 0..<2000 {
      let length = Int.random(in: 0...120, using: &generator)
      var packet = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      if length > 0 { packet[0] = 0x80 | (packet[0] & 0x3F) }
      do { _ = try Self.unprotect(packet, with: server, rtcp: round % 2 == 1) } catch { rejected += 1 }
    }
    #expect(rejected == 2000)
  }

  @Test("a master key of the wrong length throws")
  func wrongKeyLengthThrows() {
    let key = SRTPMasterKey(key: [UInt8](repeating: 1, count: 16), salt: [UInt8](repeating: 2, count: 14))
    let short = SRTPMasterKey(key: [UInt8](repeating: 1, count: 15), salt: [UInt8](repeating: 2, count: 14))
    #expect(throws: SRTPError.invalidKeyLength(expected: 16, actual: 15)) {
      try SRTPSession(profile: .aes128CMHmacSHA1Tag80, local: key, remote: short)
    }
    #expect(throws: SRTPError.invalidKeyLength(expected: 12, actual: 14)) {
      try SRTPSession(profile: .aeadAES128GCM, local: key, remote: key)
    }
  }

  @Test("errors carry libsrtp's code and a readable description")
  func errorDescriptions() {
    #expect(SRTPError.authenticationFailed.code == 7)
    #expect(SRTPError.replay.code == 9)
    #expect(SRTPError.library(code: 21).description.contains("parse_err"))
  }
}
