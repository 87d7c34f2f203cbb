import ParleyDTLS
import ParleyMedia
import ParleyNice
import Testing

/// The probe on two ordinary legs over real UDP on 127.0.0.1.
@Suite struct LatencyProbeTests {
  /// A `.probe` leg toward a peer running `peerApp`; returns the probe's report after `milliseconds`.
  func run(peerApp: LegApp, milliseconds: Int, probe: LatencyProbe = LatencyProbe()) async throws
    -> LatencyProbe.Report
  {
    let loop = NiceLoop(name: "probe-net")
    let workers = (MediaWorker(name: "probe-a"), MediaWorker(name: "probe-b"))
    let context = try DTLSContext(certificate: try DTLSCertificate.generate())
    let events = (ParleySide.Events(), ParleySide.Events())
    let a = try ParleySide.leg(
      worker: workers.0, loop: loop, context: context, controlling: true, app: .probe(probe), events: events.0)
    let b = try ParleySide.leg(
      worker: workers.1, loop: loop, context: context, controlling: false, app: peerApp, events: events.1)
    try a.connect(to: b, role: .client)
    #expect(await ParleySide.waitSecured(events.0, timeoutMilliseconds: 2_000))
    try await Task.sleep(for: .milliseconds(milliseconds))
    a.close()
    b.close()
    workers.0.stop()
    workers.1.stop()
    return probe.report()
  }

  @Test func pulsesComeBackFromAnEchoingPeer() async throws {
    let report = try await run(peerApp: .echo, milliseconds: 2_000)
    print(
      "probe via echo: \(report.pulsesSent) sent, \(report.pulsesHeard) heard,"
        + " latencies \(report.latenciesMilliseconds)")
    #expect(report.pulsesSent >= 4)
    #expect(report.pulsesHeard >= report.pulsesSent - 2)
    #expect(!report.latenciesMilliseconds.isEmpty)
    #expect(report.latenciesMilliseconds.allSatisfy { (20...300).contains($0) }, "\(report.latenciesMilliseconds)")
    #expect(report.audibleFrames > 0 && report.receivedFrames >= report.audibleFrames)
    let dominant = try #require(report.dominantFrequency)
    #expect(abs(dominant - 1000) < 30, "dominant \(dominant) Hz")
    #expect(report.probeFrequencyLevel > -20, "probe level \(report.probeFrequencyLevel) dBFS")
  }

  @Test func aProbeThatSkipsTheSpectrumStillTimesPulsesButNamesNoFrequency() async throws {
    let report = try await run(
      peerApp: .echo, milliseconds: 1_500, probe: LatencyProbe(findsDominantFrequency: false))
    #expect(report.pulsesHeard >= 2)
    #expect(report.dominantFrequency == nil)
    #expect(report.probeFrequencyLevel > -20, "levels are still measured: \(report.probeFrequencyLevel) dBFS")
  }

  @Test func aListeningProbeSendsNoPulses() async throws {
    let report = try await run(peerApp: .echo, milliseconds: 1_200, probe: LatencyProbe(speaks: false))
    #expect(report.pulsesSent == 0 && report.pulseTimes.isEmpty)
    #expect(report.pulsesHeard == 0 && report.onsets.isEmpty, "an echo of silence has no onsets")
    #expect(report.receivedFrames > 0)
  }

  @Test func aSilentPeerReturnsNoPulses() async throws {
    let report = try await run(peerApp: .silence, milliseconds: 1_500)
    #expect(report.pulsesSent >= 3)
    #expect(report.pulsesHeard == 0)
    #expect(report.latenciesMilliseconds.isEmpty)
    #expect(report.receivedFrames > 0)
    #expect(report.audibleFrames == 0)
  }

  @Test func aTonePeerIsHeardAtItsFrequencyButNotAsPulses() async throws {
    let probe = LatencyProbe(listenFrequency: 440)
    let loop = NiceLoop(name: "probe-net")
    let worker = MediaWorker(name: "probe-tone")
    let context = try DTLSContext(certificate: try DTLSCertificate.generate())
    let events = (ParleySide.Events(), ParleySide.Events())
    let a = try ParleySide.leg(
      worker: worker, loop: loop, context: context, controlling: true, app: .probe(probe), events: events.0)
    let b = try ParleySide.leg(
      worker: worker, loop: loop, context: context, controlling: false, app: .tone(frequency: 440), events: events.1)
    try a.connect(to: b, role: .client)
    #expect(await ParleySide.waitSecured(events.0, timeoutMilliseconds: 2_000))
    try await Task.sleep(for: .milliseconds(1_000))
    let report = probe.report()
    a.close()
    b.close()
    worker.stop()
    #expect(report.pulsesHeard == 0)
    let dominant = try #require(report.dominantFrequency)
    #expect(abs(dominant - 440) < 440 * 0.03, "dominant \(dominant) Hz")
    let listen = try #require(report.listenFrequencyLevel)
    #expect(
      listen > report.probeFrequencyLevel + 20, "440 Hz at \(listen) dBFS, 1 kHz at \(report.probeFrequencyLevel)")
  }
}
