import ParleyDTLS
import ParleyMedia
import ParleyNice
import ParleySDP
import ParleySandbox
import Synchronization
import Testing

/// Calls between an emulated WhatsApp phone and an ordinary Parley leg over real UDP on loopback.
@Suite struct EmulatedPhoneTests {
  /// A phone and a Parley leg on their own workers and network thread.
  final class Call {
    let loop = NiceLoop(name: "phone-net")
    let workers = (MediaWorker(name: "phone"), MediaWorker(name: "parley"))
    let parleyEvents = ParleySide.Events()
    let phone: EmulatedPhone
    let parley: MediaLeg

    init(
      phoneApp: LegApp, parleyApp: LegApp, behaviour: PhoneBehaviour = .init(), network: NetworkEmulator? = nil,
      peerSilenceTimeout: Duration? = MediaLeg.defaultPeerSilenceTimeout
    ) throws {
      phone = try EmulatedPhone(
        number: "15550100002", worker: workers.0, loop: loop,
        context: try DTLSContext(certificate: try DTLSCertificate.generate()), addresses: ["127.0.0.1"],
        app: phoneApp, behaviour: behaviour, network: network)
      parley = try ParleySide.leg(
        worker: workers.1, loop: loop, context: try DTLSContext(certificate: try DTLSCertificate.generate()),
        controlling: true, app: parleyApp, events: parleyEvents, peerSilenceTimeout: peerSilenceTimeout)
    }

    /// User-initiated: the phone offers, Parley answers (`active`, controlling) and starts at once.
    func parleyAnswersThePhone(candidates: Bool = true) throws -> String {
      let offer = try SDPOffer(parsing: try phone.makeOffer())
      let (answer, negotiated) = try Negotiation.answer(
        to: offer, local: ParleySide.localParameters(for: parley, candidates: candidates))
      #expect(negotiated.dtlsRole == .client && negotiated.iceControlling)
      try ParleySide.connect(parley, negotiated)
      return answer.sdp
    }

    var parleyICEConnected: Bool {
      parleyEvents.all.withLock {
        $0.contains { $0 == .ice(.connected) || $0 == .ice(.ready) }
      }
    }

    func close() {
      phone.close()
      parley.close()
      workers.0.stop()
      workers.1.stop()
    }
  }

  @Test(arguments: [true, false])
  func userInitiatedCallCarriesPulsesThroughParleysEcho(answerHasCandidates: Bool) async throws {
    let probe = LatencyProbe()
    let call = try Call(phoneApp: .probe(probe), parleyApp: .echo)
    defer { call.close() }
    try call.phone.receiveAnswer(try call.parleyAnswersThePhone(candidates: answerHasCandidates))
    #expect(await call.phone.waitSecured(timeoutMilliseconds: 3_000), "\(call.phone.failure ?? "timeout")")
    #expect(await ParleySide.waitSecured(call.parleyEvents, timeoutMilliseconds: 1_000))
    try await Task.sleep(for: .milliseconds(2_000))
    let report = probe.report()
    print(
      "user-initiated (answer candidates: \(answerHasCandidates)): setup \(call.phone.setupMilliseconds ?? -1) ms,"
        + " \(report.pulsesSent) pulses sent, \(report.pulsesHeard) heard, latencies \(report.latenciesMilliseconds)")
    #expect(report.pulsesHeard >= report.pulsesSent - 2 && report.pulsesHeard >= 2)
    #expect(report.latenciesMilliseconds.allSatisfy { (20...300).contains($0) })
  }

  @Test func businessInitiatedCallMakesParleyTheDTLSServer() async throws {
    let probe = LatencyProbe(listenFrequency: 440)
    let call = try Call(phoneApp: .probe(probe), parleyApp: .tone(frequency: 440))
    defer { call.close() }
    let offer = Negotiation.createOffer(local: try ParleySide.localParameters(for: call.parley))
    let answer = try SDPAnswer(parsing: try call.phone.answer(offer: offer.sdp))
    let negotiated = try Negotiation.applyAnswer(answer, to: offer)
    #expect(negotiated.dtlsRole == .server && negotiated.remoteICELite)
    try ParleySide.connect(call.parley, negotiated)
    #expect(await call.phone.waitSecured(timeoutMilliseconds: 3_000), "\(call.phone.failure ?? "timeout")")
    #expect(await ParleySide.waitSecured(call.parleyEvents, timeoutMilliseconds: 1_000))
    try await Task.sleep(for: .milliseconds(1_000))
    let report = probe.report()
    call.parley.close()
    // Parley → phone: the phone heard the 440 Hz tone.
    let dominant = try #require(report.dominantFrequency)
    #expect(abs(dominant - 440) <= 440 * 0.03, "dominant \(dominant) Hz")
    #expect(report.audibleFrames > 20)
    // Phone → Parley: its pulses reached Parley's jitter buffer and were decoded.
    #expect(call.parley.counters.rtpReceived > 20)
    print("business-initiated: setup \(call.phone.setupMilliseconds ?? -1) ms, heard \(dominant) Hz")
  }

  /// libnice answers checks as soon as it has its own password; a phone that ignores them until it holds
  /// the answer makes Parley's first checks go unanswered, as WhatsApp does.
  @Test(arguments: [false, true])
  func answerArrivesLate(ignoreChecksUntilAnswer: Bool) async throws {
    let call = try Call(
      phoneApp: .silence, parleyApp: .silence,
      behaviour: PhoneBehaviour(ignoreChecksUntilAnswer: ignoreChecksUntilAnswer))
    defer { call.close() }
    let answer = try call.parleyAnswersThePhone()
    try await Task.sleep(for: .milliseconds(1_000))
    // Without ignoring, libnice's lite agent already answered Parley's checks.
    #expect(call.parleyICEConnected == !ignoreChecksUntilAnswer)
    #expect(call.phone.securedAt == nil)
    try call.phone.receiveAnswer(answer)
    #expect(await call.phone.waitSecured(timeoutMilliseconds: 5_000), "\(call.phone.failure ?? "timeout")")
    #expect(await ParleySide.waitSecured(call.parleyEvents, timeoutMilliseconds: 2_000))
    let discarded = call.phone.leg.agent.discardedEarlyDatagrams
    #expect(ignoreChecksUntilAnswer ? discarded > 0 : discarded == 0)
    let setup = try #require(call.phone.setupMilliseconds)
    print(
      "answer 1 s late, ignoring checks: \(ignoreChecksUntilAnswer): setup after the answer \(setup) ms,"
        + " \(discarded) datagrams dropped")
    #expect(setup < 5_000)
  }

  /// WhatsApp processes the answer late (DESIGN §4): Parley keeps checking until its connect deadline,
  /// so the call still connects, within about one check interval of the phone holding the answer. libnice
  /// alone would have stopped checking ~1.5 s in. Delays fall just after one of Parley's checks (the worst
  /// case: the next one is ~500 ms away).
  @Test(arguments: [1_040, 3_040])
  func answerProcessedSecondsLateStillConnects(lateByMilliseconds: Int) async throws {
    let call = try Call(
      phoneApp: .silence, parleyApp: .silence, behaviour: PhoneBehaviour(ignoreChecksUntilAnswer: true))
    defer { call.close() }
    let answer = try call.parleyAnswersThePhone()
    try await Task.sleep(for: .milliseconds(lateByMilliseconds))
    #expect(!call.parleyICEConnected)
    try call.phone.receiveAnswer(answer)
    #expect(await call.phone.waitSecured(timeoutMilliseconds: 3_000), "\(call.phone.failure ?? "timeout")")
    #expect(await ParleySide.waitSecured(call.parleyEvents, timeoutMilliseconds: 1_000))
    let setup = try #require(call.phone.setupMilliseconds)
    let dropped = call.phone.leg.agent.discardedEarlyDatagrams
    print("answer \(lateByMilliseconds) ms late: secured \(setup) ms after the answer, \(dropped) checks dropped")
    #expect(dropped >= 3)
    #expect(setup < 1_500)
  }
}
