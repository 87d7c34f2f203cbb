import Benchmark
import ParleyDTLS

/// A whole DTLS 1.2 handshake between two in-memory endpoints (ECDSA P-256 both sides, use_srtp,
/// fingerprint checks, key export), datagrams carried by the benchmark.
func dtlsBenchmarks() {
  // Half as long again as the others (3 s; less under PARLEY_BENCH_QUICK): a sample is a millisecond.
  // Allocations: a ceiling 10 % above the count measured (OpenSSL's vary a little with the keys).
  let configuration = Benchmark.Configuration.allocationCeiling(
    relative: 10, maxDuration: Benchmark.defaultConfiguration.maxDuration * 3 / 2, maxIterations: 2_000)
  Benchmark("DTLS handshake in memory", configuration: configuration) {
    benchmark in
    let clientContext = try DTLSContext(certificate: try DTLSCertificate.generate())
    let serverContext = try DTLSContext(certificate: try DTLSCertificate.generate())
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      let client = try DTLSEndpoint(
        context: clientContext, role: .client, remoteFingerprint: serverContext.certificate.sha256Fingerprint)
      let server = try DTLSEndpoint(
        context: serverContext, role: .server, remoteFingerprint: clientContext.certificate.sha256Fingerprint)
      client.start()
      var moving = true
      while moving {
        moving = false
        while let datagram = client.pollTransmit() {
          moving = true
          datagram.withUnsafeBytes { server.handle(datagram: $0) }
        }
        while let datagram = server.pollTransmit() {
          moving = true
          datagram.withUnsafeBytes { client.handle(datagram: $0) }
        }
      }
      precondition(client.isConnected && server.isConnected)
      blackHole(client.pollEvent())
    }
  }
}
