import Foundation
import Testing

@testable import ParleyDTLS

@Suite struct DTLSCertificateTests {
  @Test func fingerprintIsSHA256OfTheDEREncoding() throws {
    let certificate = try DTLSCertificate.generate()
    #expect(certificate.sha256Fingerprint.count == 32)
    // An independent implementation (the openssl command) computes the same digest from the PEM.
    let output = try openssl(["x509", "-noout", "-fingerprint", "-sha256"], input: certificate.pem)
    let hex = certificate.sha256Fingerprint.map { String(format: "%02X", $0) }.joined(separator: ":")
    #expect(output.contains(hex))
  }

  @Test func keyIsECDSAOnP256AndSelfSigned() throws {
    let certificate = try DTLSCertificate.generate(commonName: "parley-test")
    let text = try openssl(["x509", "-noout", "-text"], input: certificate.pem)
    #expect(text.contains("id-ecPublicKey"))
    #expect(text.contains("prime256v1"))
    #expect(text.contains("ecdsa-with-SHA256"))
    #expect(text.contains("Subject: CN = parley-test"))
    #expect(text.contains("Issuer: CN = parley-test"))
  }

  @Test func everyCertificateIsFresh() throws {
    let first = try DTLSCertificate.generate()
    let second = try DTLSCertificate.generate()
    #expect(first.sha256Fingerprint != second.sha256Fingerprint)
  }

  private func openssl(_ arguments: [String], input: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
  }
}
