import Foundation
import ParleyDTLS
@_spi(Testing) import ParleyMedia
import ParleyNice
import ParleyRTP
import ParleyTesting
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Garbage on a live leg — from the peer's own address and from a stranger — never crashes it, is
/// counted, and audio keeps flowing.
@Suite struct TransportBadInputTests {
  @Test func garbageIsCountedAndTheLegKeepsWorking() async throws {
    let loop = NiceLoop(name: "bad-input")
    let sides = (a: try TransportLegTests.Side(), b: try TransportLegTests.Side())
    let helper = TransportLegTests()
    let legA = try helper.makeLeg(
      loop, try DTLSContext(certificate: try DTLSCertificate.generate()), controlling: true, sides.a)
    let legB = try helper.makeLeg(
      loop, try DTLSContext(certificate: try DTLSCertificate.generate()), controlling: false, sides.b)
    try helper.connect(legA, role: .client, legB)
    #expect(await TransportLegTests.wait { sides.a.secured() != nil && sides.b.secured() != nil })

    var generator = SystemRandomNumberGenerator()
    func random(_ count: Int, first: UInt8? = nil) -> [UInt8] {
      var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      if let first { bytes[0] = first }
      return bytes
    }
    // From the peer's own address (the selected pair):
    let badTags = 20
    for index in 0..<badTags {  // RTP with a wrong authentication tag
      var packet: [UInt8] = [0x80, 111, 0, UInt8(index), 0, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF]
      packet += random(60)
      legA.sendUnprotected(packet)
    }
    let truncated = 15
    for _ in 0..<truncated {  // DTLS records cut short (a handshake header claiming more than follows)
      legA.sendUnprotected([22, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 9, 0x01, 0x00] + random(20))
    }
    for _ in 0..<50 { legA.sendUnprotected(random(Int.random(in: 1...500, using: &generator))) }  // random bytes
    for _ in 0..<20 { legA.sendUnprotected(random(40, first: UInt8.random(in: 0...3, using: &generator))) }  // STUN-ish
    // From a stranger on the same loopback interface, to B's media port.
    let port = try #require(legB.localCandidates.first?.port)
    try sendFromStranger(to: port, datagrams: (0..<50).map { index in random(100, first: index % 2 == 0 ? 0 : 0x80) })

    // Audio still flows both ways and is heard correctly.
    let tone = try ToneRTPSource(frequency: 700, payloadType: PayloadType(rawValue: 111)!, ssrc: 0x3333)
    try await tone.play(seconds: 0.8) { legA.sendRTP($0) }
    #expect(await TransportLegTests.wait(seconds: 2) { sides.b.sink.packets >= 40 })
    let heard = try #require(sides.b.sink.dominantFrequency())
    #expect(abs(heard - 700) < 14)

    let counters = legB.counters
    #expect(counters.authenticationFailures >= badTags)
    #expect(counters.dtlsMalformed >= truncated)
    #expect(counters.ignored > 0)
    #expect(counters.rtpReceived == 40)
    legA.close()
    legB.close()
  }

  private func sendFromStranger(to port: UInt16, datagrams: [[UInt8]]) throws {
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    #expect(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    for datagram in datagrams {
      _ = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          sendto(fd, datagram, datagram.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    }
  }
}
