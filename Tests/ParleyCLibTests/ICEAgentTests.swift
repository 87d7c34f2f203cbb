import Foundation
import Synchronization
import Testing

@testable import ParleyNice

/// Two real libnice agents over UDP on 127.0.0.1.
@Suite struct ICEAgentTests {
  /// Collects an agent's events and received datagrams, and lets a test wait for a condition.
  final class Probe: Sendable {
    let events = Mutex<[ICEEvent]>([])
    let received = Mutex<[[UInt8]]>([])

    var onEvent: @Sendable (ICEEvent) -> Void { { event in self.events.withLock { $0.append(event) } } }
    var onReceive: @Sendable (UnsafeRawBufferPointer) -> Void {
      { bytes in self.received.withLock { $0.append(Array(bytes)) } }
    }

    func states() -> [ICEState] {
      events.withLock { $0.compactMap { if case .stateChanged(let state) = $0 { state } else { nil } } }
    }

    func wait(seconds: Double = 5, until condition: () -> Bool) async -> Bool {
      let deadline = Date().addingTimeInterval(seconds)
      while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
      }
      return condition()
    }
  }

  @Test func twoAgentsConnectAndCarryDatagramsBothWays() async throws {
    let loop = NiceLoop(name: "ice-test")
    let left = Probe()
    let right = Probe()
    let controlling = try ICEAgent(
      loop: loop, configuration: ICEAgentConfiguration(controlling: true, addresses: ["127.0.0.1"]),
      onEvent: left.onEvent, onReceive: left.onReceive)
    let controlled = try ICEAgent(
      loop: loop, configuration: ICEAgentConfiguration(controlling: false, addresses: ["127.0.0.1"]),
      onEvent: right.onEvent, onReceive: right.onReceive)
    #expect(controlling.localCandidates.allSatisfy { $0.address == "127.0.0.1" && $0.port > 0 && $0.kind == .host })
    #expect(controlling.localUfrag.count >= 4 && controlling.localPassword.count >= 22)

    try controlled.setRemote(
      ufrag: controlling.localUfrag, password: controlling.localPassword, candidates: controlling.localCandidates)
    try controlling.setRemote(
      ufrag: controlled.localUfrag, password: controlled.localPassword, candidates: controlled.localCandidates)
    #expect(await left.wait { left.states().contains(.ready) })
    #expect(await right.wait { right.states().contains(.ready) || right.states().contains(.connected) })

    let ping: [UInt8] = [0x80, 0x6F, 0, 1, 2, 3]
    #expect(ping.withUnsafeBytes { controlling.send($0) })
    #expect(await right.wait { right.received.withLock { $0.contains(ping) } })
    let pong: [UInt8] = [0x80, 0x6F, 0, 2, 9, 9]
    #expect(pong.withUnsafeBytes { controlled.send($0) })
    #expect(await left.wait { left.received.withLock { $0.contains(pong) } })

    controlling.close()
    controlled.close()
    #expect(!ping.withUnsafeBytes { controlling.send($0) })
  }

  @Test func anUnansweredPeerFailsAtParleysOwnDeadline() async throws {
    let loop = NiceLoop(name: "ice-timeout")
    let probe = Probe()
    let agent = try ICEAgent(
      loop: loop,
      configuration: ICEAgentConfiguration(
        controlling: true, addresses: ["127.0.0.1"], connectTimeoutMilliseconds: 300),
      onEvent: probe.onEvent, onReceive: probe.onReceive)
    // A lite peer that never answers: nothing listens on this loopback port.
    let silent = ICECandidateInfo(foundation: "1", priority: 2_113_937_151, address: "127.0.0.1", port: 9, kind: .host)
    let started = Date()
    try agent.setRemote(ufrag: "abcd", password: "0123456789012345678901", candidates: [silent])
    #expect(await probe.wait { probe.states().contains(.failed) })
    #expect(Date().timeIntervalSince(started) >= 0.29)
    #expect(probe.states().filter { $0 == .failed }.count == 1)
  }

  @Test func badGatherAddressIsATypedError() {
    let loop = NiceLoop(name: "ice-bad")
    #expect(throws: ICEError.invalidAddress("not-an-ip")) {
      _ = try ICEAgent(
        loop: loop, configuration: ICEAgentConfiguration(controlling: true, addresses: ["not-an-ip"]),
        onEvent: { _ in }, onReceive: { _ in })
    }
  }

  @Test func twoAgentsConnectOverIPv6Loopback() async throws {
    let loop = NiceLoop(name: "ice-v6")
    let left = Probe()
    let right = Probe()
    let a = try ICEAgent(
      loop: loop, configuration: ICEAgentConfiguration(controlling: true, addresses: ["::1"]),
      onEvent: left.onEvent, onReceive: left.onReceive)
    let b = try ICEAgent(
      loop: loop, configuration: ICEAgentConfiguration(controlling: false, addresses: ["::1"]),
      onEvent: right.onEvent, onReceive: right.onReceive)
    #expect(a.localCandidates.allSatisfy { $0.address == "::1" })
    try b.setRemote(ufrag: a.localUfrag, password: a.localPassword, candidates: a.localCandidates)
    try a.setRemote(ufrag: b.localUfrag, password: b.localPassword, candidates: b.localCandidates)
    #expect(await left.wait { left.states().contains(.ready) })
    let datagram: [UInt8] = [0x80, 0, 1, 2]
    #expect(datagram.withUnsafeBytes { a.send($0) })
    #expect(await right.wait { right.received.withLock { $0.contains(datagram) } })
  }

  @Test func aPublicAddressIsAnnouncedAsServerReflexiveOnTheSamePort() throws {
    let agent = try ICEAgent(
      loop: NiceLoop(name: "ice-nat"),
      configuration: ICEAgentConfiguration(controlling: true, addresses: ["127.0.0.1"], publicAddress: "203.0.113.7"),
      onEvent: { _ in }, onReceive: { _ in })
    let host = try #require(agent.localCandidates.first { $0.kind == .host })
    let mapped = try #require(agent.localCandidates.first { $0.kind == .srflx })
    #expect(mapped.address == "203.0.113.7" && mapped.port == host.port)
    #expect(mapped.priority < host.priority)
    // An IPv6 public address maps only IPv6 host candidates: none here.
    #expect(ICEAgent.publicMappings(of: [host], to: "2001:db8::1").isEmpty)
  }

  @Test func thePoolSpreadsLegsOverItsLoops() {
    let pool = NiceLoopPool(count: 3, name: "pool-test")
    let picks = (0..<6).map { _ in ObjectIdentifier(pool.nextLoop()) }
    #expect(Set(picks).count == 3)
    #expect(picks[0] == picks[3] && picks[1] == picks[4])
    pool.stop()
  }
}
