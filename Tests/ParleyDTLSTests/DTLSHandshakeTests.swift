import Foundation
import ParleySRTP
import Testing

@testable import ParleyDTLS

/// In-memory DTLS handshakes: two endpoints, datagrams carried by the test.
@Suite struct DTLSHandshakeTests {
  static let clientCertificate = try! DTLSCertificate.generate(commonName: "client")
  static let serverCertificate = try! DTLSCertificate.generate(commonName: "server")

  struct Pair {
    let client: DTLSEndpoint
    let server: DTLSEndpoint
  }

  func makePair(
    clientProfiles: [SRTPProtectionProfile] = [.aes128CMHmacSHA1Tag80, .aeadAES128GCM],
    serverProfiles: [SRTPProtectionProfile] = [.aes128CMHmacSHA1Tag80, .aeadAES128GCM],
    clientExpects: [UInt8]? = nil,
    serverExpects: [UInt8]? = nil
  ) throws -> Pair {
    let clientContext = try DTLSContext(certificate: Self.clientCertificate, profiles: clientProfiles)
    let serverContext = try DTLSContext(certificate: Self.serverCertificate, profiles: serverProfiles)
    return Pair(
      client: try DTLSEndpoint(
        context: clientContext, role: .client,
        remoteFingerprint: clientExpects ?? Self.serverCertificate.sha256Fingerprint),
      server: try DTLSEndpoint(
        context: serverContext, role: .server,
        remoteFingerprint: serverExpects ?? Self.clientCertificate.sha256Fingerprint))
  }

  /// Moves datagrams both ways until neither side has anything to send; returns how many moved.
  @discardableResult
  func pump(_ pair: Pair, mangle: (inout [UInt8]) -> Bool = { _ in true }) -> Int {
    var moved = 0
    var progress = true
    while progress {
      progress = false
      for (from, to) in [(pair.client, pair.server), (pair.server, pair.client)] {
        while var datagram = from.pollTransmit() {
          progress = true
          moved += 1
          if mangle(&datagram) { datagram.withUnsafeBytes { to.handle(datagram: $0) } }
        }
      }
    }
    return moved
  }

  func connectedKeys(_ endpoint: DTLSEndpoint) -> DTLSSRTPKeys? {
    while let event = endpoint.pollEvent() {
      if case .connected(let keys) = event { return keys }
    }
    return nil
  }

  @Test func bothRolesExportTheSameKeyingMaterial() throws {
    let pair = try makePair()
    pair.client.start()
    pump(pair)
    let clientKeys = try #require(connectedKeys(pair.client))
    let serverKeys = try #require(connectedKeys(pair.server))
    #expect(clientKeys.profile == .aes128CMHmacSHA1Tag80)
    #expect(clientKeys.keyingMaterial.count == 60)
    #expect(clientKeys.keyingMaterial == serverKeys.keyingMaterial)
    #expect(Set(clientKeys.keyingMaterial).count > 10)  // not all zeros
    #expect(clientKeys.role == .client && serverKeys.role == .server)
    #expect(pair.client.isConnected && pair.server.isConnected)
  }

  @Test func serverPreferenceForGCMWins() throws {
    let pair = try makePair(serverProfiles: [.aeadAES128GCM, .aes128CMHmacSHA1Tag80])
    pair.client.start()
    pump(pair)
    let clientKeys = try #require(connectedKeys(pair.client))
    let serverKeys = try #require(connectedKeys(pair.server))
    #expect(clientKeys.profile == .aeadAES128GCM)
    #expect(clientKeys.keyingMaterial.count == 56)
    #expect(clientKeys.keyingMaterial == serverKeys.keyingMaterial)
  }

  @Test func clientRejectsAServerWhoseCertificateDoesNotMatchTheSDP() throws {
    let wrong = [UInt8](repeating: 0xAB, count: 32)
    let pair = try makePair(clientExpects: wrong)
    pair.client.start()
    pump(pair)
    let event = try #require(pair.client.pollEvent())
    guard case .failed(.fingerprintMismatch(let expected, let actual)) = event else {
      Issue.record("expected a fingerprint mismatch, got \(event)")
      return
    }
    #expect(expected.hasPrefix("AB:AB"))
    #expect(actual == hex(Self.serverCertificate.sha256Fingerprint))
    #expect(connectedKeys(pair.server) == nil)
    #expect(!pair.client.isConnected)
  }

  @Test func serverRejectsAClientWhoseCertificateDoesNotMatchTheSDP() throws {
    let pair = try makePair(serverExpects: Self.serverCertificate.sha256Fingerprint)
    pair.client.start()
    pump(pair)
    let event = try #require(pair.server.pollEvent())
    guard case .failed(.fingerprintMismatch) = event else {
      Issue.record("expected a fingerprint mismatch, got \(event)")
      return
    }
    #expect(!pair.server.isConnected)
  }

  @Test func garbageAndTruncatedRecordsAreIgnoredAndCounted() throws {
    var generator = SystemRandomNumberGenerator()
    // Every real datagram is preceded, on both paths, by random bytes, a truncated copy and short records.
    let noisy = try makePair()
    noisy.client.start()
    pump(noisy) { datagram in
      let junk = (0..<Int.random(in: 1...300, using: &generator)).map { _ in UInt8.random(in: 0...255) }
      let truncated = Array(datagram.prefix(max(1, datagram.count / 2)))
      for bad in [junk, truncated, [0x16], [0x16, 0xFE, 0xFD, 0, 0]] {
        bad.withUnsafeBytes {
          noisy.server.handle(datagram: $0)
          noisy.client.handle(datagram: $0)
        }
      }
      return true
    }
    #expect(connectedKeys(noisy.client) != nil)
    #expect(connectedKeys(noisy.server) != nil)
    #expect(noisy.server.datagramsMalformed > 0)
    #expect(noisy.client.datagramsMalformed > 0)
  }

  @Test func lostClientHelloIsRetransmittedAfterTheShortFirstTimer() async throws {
    let pair = try makePair()
    pair.client.start()
    let lost = try #require(pair.client.pollTransmit())
    #expect(lost.first == 22)  // a handshake record
    let timeout = try #require(pair.client.timeout())
    #expect(timeout <= .milliseconds(100))
    try await Task.sleep(for: timeout + .milliseconds(5))
    pair.client.handleTimeout()
    pump(pair)
    #expect(connectedKeys(pair.client) != nil)
    #expect(connectedKeys(pair.server) != nil)
    #expect(pair.client.timeout() == nil || pair.client.isConnected)
  }

  @Test func closeNotifyReachesThePeer() throws {
    let pair = try makePair()
    pair.client.start()
    pump(pair)
    #expect(pair.server.isConnected)
    pair.client.close()
    pump(pair)
    var events: [DTLSEvent] = []
    while let event = pair.server.pollEvent() { events.append(event) }
    #expect(events.contains(.closed))
  }
}
