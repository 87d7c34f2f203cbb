import Foundation
import Synchronization
import Testing

@testable import ParleyNice

#if canImport(Glibc)
  import Glibc
#endif

/// When Parley's connectivity checks go out while the peer stays silent (WhatsApp before it has
/// processed our answer): a UDP socket on loopback that never answers records when each check arrives.
@Suite struct ICECheckScheduleTests {
  /// A bound UDP socket on 127.0.0.1 that records the arrival time (ms since `start`) of every STUN
  /// Binding request, and answers nothing.
  final class SilentPeer: @unchecked Sendable {
    let fd: Int32
    let port: UInt16
    let arrivals = Mutex<[Double]>([])
    private let stop = Atomic<Bool>(false)
    private let start = Date()

    init() throws {
      let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
      }
      guard fd >= 0, bound else { throw POSIXError(.EADDRNOTAVAIL) }
      self.fd = fd
      port = UInt16(bigEndian: address.sin_port)
      var timeout = timeval(tv_sec: 0, tv_usec: 20_000)
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
      Thread.detachNewThread { [self] in
        var buffer = [UInt8](repeating: 0, count: 2_048)
        while !stop.load(ordering: .relaxed) {
          let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
          // STUN Binding request: type 0x0001 and the magic cookie (RFC 8489 §5).
          if count >= 20, buffer[0] == 0, buffer[1] == 1, buffer[4...7] == [0x21, 0x12, 0xA4, 0x42] {
            let at = Date().timeIntervalSince(start) * 1_000
            arrivals.withLock { $0.append(at) }
          }
        }
        close(fd)
      }
    }

    var candidate: ICECandidateInfo {
      ICECandidateInfo(foundation: "1", priority: 2_113_937_151, address: "127.0.0.1", port: port, kind: .host)
    }

    func finish() { stop.store(true, ordering: .relaxed) }
  }

  /// Records the arrival of checks at a silent peer for `seconds`, with `pacing`.
  static func checks(pacing: ICECheckPacing?, deadline: UInt32, seconds: Double) async throws -> (
    arrivals: [Double], states: [ICEState]
  ) {
    let peer = try SilentPeer()
    defer { peer.finish() }
    let states = Mutex<[ICEState]>([])
    let agent = try ICEAgent(
      loop: NiceLoop(name: "ice-schedule"),
      configuration: ICEAgentConfiguration(
        controlling: true, addresses: ["127.0.0.1"], connectTimeoutMilliseconds: deadline, checkPacing: pacing),
      onEvent: { event in if case .stateChanged(let state) = event { states.withLock { $0.append(state) } } },
      onReceive: { _ in })
    defer { agent.close() }
    try agent.setRemote(ufrag: "abcd", password: "0123456789012345678901", candidates: [peer.candidate])
    try await Task.sleep(for: .milliseconds(Int(seconds * 1_000)))
    return (peer.arrivals.withLock { $0 }, states.withLock { $0 })
  }

  /// libnice alone: three checks over 1.5 s (0, +500, +1500 ms), then nothing; it declares failure
  /// itself long before a 9 s deadline.
  @Test func libniceAloneStopsCheckingAfterAboutOneAndAHalfSeconds() async throws {
    let (arrivals, states) = try await Self.checks(pacing: nil, deadline: 9_000, seconds: 4)
    print("libnice alone: checks at \(arrivals.map { Int($0) }) ms, states \(states)")
    #expect((2...4).contains(arrivals.count))
    #expect(arrivals.allSatisfy { $0 < 2_000 })
  }

  /// With Parley's pacing: a fresh check 200 ms after the first, then at intervals growing ×1.5 (300,
  /// 450, 675 ms) to 1 s, never a gap over the 1 s interval (libnice's own +500 ms retransmission often
  /// halves it) until the deadline, and no failure reported before it.
  @Test func pacedChecksToASilentPeerContinueUntilTheDeadline() async throws {
    let (arrivals, states) = try await Self.checks(pacing: ICECheckPacing(), deadline: 6_000, seconds: 6.5)
    let gaps = zip(arrivals.dropFirst(), arrivals).map { $0 - $1 }
    print("paced: \(arrivals.count) checks at \(arrivals.map { Int($0) }) ms, states \(states)")
    // libnice's first check, then the re-triggers at 200, 500 and 950 ms (its own retransmissions between).
    let early = arrivals.filter { $0 < 1_000 }
    #expect(early.count >= 4, "\(early.map { Int($0) })")
    #expect(early.contains { (150...300).contains($0) }, "the first re-trigger ~200 ms in")
    #expect(gaps.allSatisfy { $0 < 1_150 }, "gaps \(gaps.map { Int($0) })")
    #expect(arrivals.last.map { $0 > 5_000 } == true)
    // Neither the restarts nor libnice's own give-up show: failure comes once, at the deadline.
    #expect(states == [.gathering, .connecting, .failed])
  }

  @Test func theIntervalsGrowFromTheFirstToTheLongest() {
    let pacing = ICECheckPacing()
    #expect((0..<7).map { pacing.delay(beforeRecheck: $0) } == [200, 300, 450, 675, 1_000, 1_000, 1_000])
    #expect(ICECheckPacing(firstIntervalMilliseconds: 100, growth: 1).delay(beforeRecheck: 9) == 100)
  }

  /// A libnice lite agent that, as WhatsApp, ignores checks until it has the answer (its remote side),
  /// given it `lateBy` ms after Parley's controlling agent started checking: connected within an interval.
  @Test(arguments: [1_040, 3_040, 8_040])
  func aLitePeerThatAnswersLateConnectsWithinOneInterval(lateBy: Int) async throws {
    let loop = NiceLoop(name: "ice-late")
    let connectedAt = Mutex<Date?>(nil)
    let parley = try ICEAgent(
      loop: loop, configuration: ICEAgentConfiguration(controlling: true, addresses: ["127.0.0.1"]),
      onEvent: { event in
        if case .stateChanged(let state) = event, state == .connected || state == .ready {
          connectedAt.withLock { $0 = $0 ?? Date() }
        }
      }, onReceive: { _ in })
    let phone = try ICEAgent(
      loop: loop,
      configuration: ICEAgentConfiguration(
        controlling: false, addresses: ["127.0.0.1"], consentFreshness: false, lite: true,
        ignoreChecksUntilRemoteSet: true),
      onEvent: { _ in }, onReceive: { _ in })
    defer {
      parley.close()
      phone.close()
    }
    try parley.setRemote(ufrag: phone.localUfrag, password: phone.localPassword, candidates: phone.localCandidates)
    try await Task.sleep(for: .milliseconds(lateBy))
    #expect(connectedAt.withLock { $0 } == nil)
    let answered = Date()
    try phone.setRemote(ufrag: parley.localUfrag, password: parley.localPassword, candidates: [])
    let deadline = answered.addingTimeInterval(2)
    while connectedAt.withLock({ $0 }) == nil, Date() < deadline { try await Task.sleep(for: .milliseconds(5)) }
    let connected = try #require(connectedAt.withLock { $0 }, "not connected 2 s after the late answer")
    let milliseconds = connected.timeIntervalSince(answered) * 1_000
    print(
      "ICE answer \(lateBy) ms late: connected \(Int(milliseconds)) ms after it, \(phone.discardedEarlyDatagrams) checks dropped"
    )
    #expect(milliseconds < 800)
    #expect(phone.discardedEarlyDatagrams >= 3)
  }
}
