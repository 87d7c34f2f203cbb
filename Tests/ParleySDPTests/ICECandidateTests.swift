import Testing

@testable import ParleySDP

@Suite struct ICECandidateTests {
  @Test func metaIPv4CandidateWithUfragExtension() throws {
    let candidate = try ICECandidate(
      parsing:
        "candidate:1972637320 1 udp 2113937151 31.13.65.60 40012 typ host"
        + " generation 0 network-cost 50 ufrag 6k2qP1R6kBfI/2"
    )
    #expect(candidate.foundation == "1972637320")
    #expect(candidate.component == 1)
    #expect(candidate.transport == .udp)
    #expect(candidate.priority == 2_113_937_151)
    #expect(candidate.address == .ip(.v4(IPv4Address(31, 13, 65, 60))))
    #expect(candidate.port == 40012)
    #expect(candidate.type == .host)
    #expect(candidate.relatedAddress == nil)
    #expect(candidate.ufrag == "6k2qP1R6kBfI/2")
    #expect(candidate.extensionValue("generation") == "0")
    #expect(candidate.extensionValue("network-cost") == "50")
    #expect(candidate.extensions.map(\.name) == ["generation", "network-cost", "ufrag"])
  }

  @Test func ipv6Candidate() throws {
    let candidate = try ICECandidate(
      parsing: "a=candidate:1652262791 1 udp 2113939711 2a03:2880:f211:cf:face:b00c:0:6443 40012 typ host")
    guard case .ip(.v6(let address)) = candidate.address else {
      Issue.record("expected IPv6, got \(candidate.address)")
      return
    }
    #expect(address.groups == [0x2a03, 0x2880, 0xf211, 0xcf, 0xface, 0xb00c, 0, 0x6443])
    #expect(candidate.address.description == "2a03:2880:f211:cf:face:b00c:0:6443")
  }

  @Test func mdnsCandidateIsCarriedAsName() throws {
    let candidate = try ICECandidate(
      parsing:
        "1510613869 1 udp 2113937151 7e1f2c3a-5b4d-4e6f-8a9b-0c1d2e3f4a5b.local 54611 typ host"
        + " generation 0 network-cost 999"
    )
    #expect(candidate.address == .mdns("7e1f2c3a-5b4d-4e6f-8a9b-0c1d2e3f4a5b.local"))
    #expect(candidate.address.ipAddress == nil)
  }

  @Test func tcpCandidateWithTCPType() throws {
    let candidate = try ICECandidate(
      parsing: "candidate:4233069003 1 TCP 1518280447 192.0.2.10 9 typ host tcptype active generation 0")
    #expect(candidate.transport == .tcp)
    #expect(candidate.tcpType == .active)
    #expect(candidate.port == 9)
    #expect(candidate.extensions == [.init(name: "generation", value: "0")])
    #expect(candidate.attributeValue == "4233069003 1 tcp 1518280447 192.0.2.10 9 typ host tcptype active generation 0")
  }

  @Test func reflexiveCandidateWithRelatedAddress() throws {
    let text = "842163049 1 udp 1686052607 203.0.113.7 54609 typ srflx raddr 192.0.2.10 rport 54609 generation 0"
    let candidate = try ICECandidate(parsing: text)
    #expect(candidate.type == .srflx)
    #expect(candidate.relatedAddress == .ip(.v4(IPv4Address(192, 0, 2, 10))))
    #expect(candidate.relatedPort == 54609)
    #expect(candidate.attributeValue == text)
    #expect(try ICECandidate(parsing: candidate.description) == candidate)
    #expect(candidate.line == SDPLine(type: "a", value: "candidate:\(text)"))
  }

  @Test func relayCandidateWithIPv6RelatedAddressAndZeroPort() throws {
    let candidate = try ICECandidate(
      parsing: "3 2 udp 16777215 2001:db8::1 3478 typ relay raddr :: rport 0")
    #expect(candidate.component == 2)
    #expect(candidate.type == .relay)
    #expect(candidate.relatedAddress?.description == "::")
    #expect(candidate.relatedPort == 0)
  }

  @Test(arguments: [
    ("1 1 udp 2113937151 31.13.65.60 70000 typ host", "port '70000' is not in 0...65535"),
    ("1 1 udp 2113937151 31.13.65.60 -1 typ host", "port '-1' is not in 0...65535"),
    (
      "1 1 udp 2113937151 31.13.65.256 40012 typ host",
      "address '31.13.65.256' is not IPv4, IPv6 or an mDNS .local name"
    ),
    ("1 1 udp 2113937151 example.com 40012 typ host", "address 'example.com' is not IPv4, IPv6 or an mDNS .local name"),
    (
      "1 1 udp 2113937151 2a03::f211::1 40012 typ host",
      "address '2a03::f211::1' is not IPv4, IPv6 or an mDNS .local name"
    ),
    (
      "1 1 udp 2113937151 fe80::1%eth0 40012 typ host",
      "address 'fe80::1%eth0' is not IPv4, IPv6 or an mDNS .local name"
    ),
    ("1 1 udp 4294967296 31.13.65.60 40012 typ host", "priority '4294967296' must be a 32-bit unsigned integer"),
    ("1 0 udp 1 31.13.65.60 40012 typ host", "component '0' must be 1...256"),
    ("1 257 udp 1 31.13.65.60 40012 typ host", "component '257' must be 1...256"),
    ("1 1 sctp 1 31.13.65.60 40012 typ host", "unsupported transport 'sctp' (udp or tcp)"),
    ("1 1 udp 1 31.13.65.60 40012 type host", "expected 'typ' after the port, found 'type'"),
    ("1 1 udp 1 31.13.65.60 40012 typ local", "unknown candidate type 'local'"),
    ("1 1 udp 1 31.13.65.60 40012 typ host generation", "extension 'generation' has no value"),
    (
      "1 1 udp 1 31.13.65.60 40012 typ host tcptype sideways",
      "tcptype 'sideways' must be given once as active, passive or so"
    ),
    ("1 1 udp 1 31.13.65.60 40012 typ srflx raddr 1.2.3.4 raddr 1.2.3.4", "raddr given twice"),
    ("1 1 udp 1 31.13.65.60 40012 typ host ge\"n 0", "extension 'ge\"n 0' needs a token name and a visible value"),
    ("1 1 udp 1 31.13.65.60 40012 typ host ufrag é", "extension 'ufrag é' needs a token name and a visible value"),
    ("1 1 udp 1 31.13.65.60 40012", "needs at least 8 fields, found 6"),
    ("1  1 udp 1 31.13.65.60 40012 typ host", "candidate: fields must be separated by single spaces"),
    ("f=o 1 udp 1 31.13.65.60 40012 typ host", "foundation 'f=o' must be 1...32 ice-chars"),
    ("", "candidate: fields must be separated by single spaces"),
  ])
  func invalidCandidates(text: String, reason: String) {
    let error = #expect(throws: SDPError.self) { try ICECandidate(parsing: text) }
    #expect(error == .invalidCandidate(text: text, reason: reason))
  }

  @Test func mdnsNameRules() {
    #expect(ICECandidate.Address.mdnsName("abc.local") == "abc.local")
    #expect(ICECandidate.Address.mdnsName("A-1.b.LOCAL") == "A-1.b.LOCAL")
    #expect(ICECandidate.Address.mdnsName("local") == nil)
    #expect(ICECandidate.Address.mdnsName(".local") == nil)
    #expect(ICECandidate.Address.mdnsName("-a.local") == nil)
    #expect(ICECandidate.Address.mdnsName("a_b.local") == nil)
    #expect(ICECandidate.Address.mdnsName(Substring(String(repeating: "a", count: 64) + ".local")) == nil)
  }

  @Test func badCandidateInSDPNamesTheLine() throws {
    let offer = try Fixtures.text(Fixtures.metaOffer)
    let bad = "a=candidate:1972637320 1 udp 2113937151 31.13.65.60 70000 typ host"
    let text = Fixtures.edit(offer, [offer.sdpLines[10]: bad])
    let session = try SessionDescription(parsing: text)
    let error = #expect(throws: SDPError.self) { try session.audio() }
    #expect(error == .malformedLine(number: 11, text: bad, reason: "port '70000' is not in 0...65535"))
  }
}
