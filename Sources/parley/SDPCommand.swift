import ArgumentParser
import Foundation
import ParleyDTLS
import ParleySDP

#if canImport(Glibc)
  import Glibc
#endif

struct SDPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sdp",
    abstract: "SDP tools (dry runs: nothing is sent, no socket is bound).",
    subcommands: [Answer.self]
  )

  struct Answer: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read an SDP offer on stdin and print the answer Parley would send.",
      discussion: """
        The answer follows WhatsApp's rules: Parley is the full, controlling ICE agent, answers \
        a=setup:active to actpass, carries one sha-256 fingerprint (of a certificate generated for this \
        run), Opus and telephone-event/8000 on the offer's payload types, the offer's BUNDLE group and mid, \
        CRLF line ends. Candidates come from PARLEY_MEDIA_ADDRESSES (comma-separated); --port sets their port.
        A bad offer prints one line naming the problem on stderr and exits with code 1.
        """
    )

    @Option(help: "The port shown in the candidates (a dry run binds nothing; 9 is the RFC 8840 placeholder).")
    var port: UInt16 = 9

    @Flag(help: "Also print the negotiated parameters on stderr.")
    var verbose = false

    func run() throws {
      let input = readStandardInput()
      let candidates: [ICECandidate]
      do {
        candidates = try MediaAddresses.fromEnvironment().enumerated().map { index, address in
          ICECandidate.host(address: address, port: port, index: index)
        }
      } catch {
        fail("PARLEY_MEDIA_ADDRESSES: \(error)")
      }
      do {
        let offer = try SDPOffer(parsing: input)
        let certificate = try DTLSCertificate.generate()
        var generator = SystemRandomNumberGenerator()
        let local = try LocalMediaParameters.generated(
          fingerprintSHA256: certificate.sha256Fingerprint, candidates: candidates, using: &generator)
        let (answer, negotiated) = try Negotiation.answer(to: offer, local: local)
        print(answer.sdp, terminator: "")
        if verbose { printToStandardError(describe(negotiated)) }
      } catch {
        fail("bad offer: \(error)")
      }
    }

    private func describe(_ negotiated: NegotiatedAudio) -> String {
      """
      opus payload type \(negotiated.opusPayloadType), telephone-event \(negotiated.telephoneEventPayloadType.map(String.init) ?? "none")
      ICE: \(negotiated.iceControlling ? "controlling" : "controlled") (peer \(negotiated.remoteICELite ? "ICE-lite" : "full")), \
      \(negotiated.remoteCandidates.count) remote candidates
      DTLS: Parley is the \(negotiated.dtlsRole); peer fingerprint \(negotiated.remoteFingerprint)
      """
    }
  }
}

/// Writes `message` as one line on stderr and exits with code 1.
func fail(_ message: String) -> Never {
  printToStandardError("parley: \(message.split(whereSeparator: \.isNewline).joined(separator: " "))")
  exit(1)
}

func printToStandardError(_ message: String) {
  var line = message
  if !line.hasSuffix("\n") { line += "\n" }
  FileHandle.standardError.write(Data(line.utf8))
}

/// Reads all of stdin as bytes decoded as UTF-8 (invalid bytes become U+FFFD, which the SDP parser rejects).
func readStandardInput() -> [UInt8] {
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65_536)
  while true {
    let count = read(0, &chunk, chunk.count)
    if count <= 0 { break }
    bytes.append(contentsOf: chunk[0..<count])
    if bytes.count > 16 << 20 { break }  // far past SDP's 64 KiB limit: the parser will say so
  }
  return bytes
}
