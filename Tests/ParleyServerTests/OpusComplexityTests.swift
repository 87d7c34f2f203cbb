import Foundation
import ParleyMedia
import ParleyOpus
import ParleyServer
import ParleyWhatsApp
import Testing

/// `PARLEY_OPUS_COMPLEXITY`: read, checked, and given to every encoder the media engine makes.
@Suite struct OpusComplexityTests {
  let base = ["provider": "360dialog", "api_key": "k", "media_addresses": "127.0.0.1"]

  @Test func theSettingIsReadAndDefaultsToFive() throws {
    #expect(try ServerConfiguration.resolve(base).opusComplexity == 5)
    #expect(try ServerConfiguration.resolve(base.merging(["opus_complexity": "2"]) { $1 }).opusComplexity == 2)
  }

  @Test(arguments: ["11", "-1", "low"])
  func anOutOfRangeValueIsAClearError(_ text: String) {
    #expect(throws: ServerError.configuration("PARLEY_OPUS_COMPLEXITY must be a whole number 0…10, not \"\(text)\"")) {
      try ServerConfiguration.resolve(base.merging(["opus_complexity": text]) { $1 })
    }
  }

  @Test func legsAnsweredByTheEngineEncodeAtThatComplexity() throws {
    let engine = try MediaEngine(addresses: ["127.0.0.1"], threads: 1, opusComplexity: 1)
    defer { engine.stop() }
    let offer = try String(contentsOf: Fixtures.url("meta-user-initiated-offer.sdp"), encoding: .utf8)
    let (leg, _, _) = try engine.answer(offer: offer, app: .leg(.echo)) { _ in }
    defer { leg.close() }
    #expect(leg.audio.configuration.encoder.complexity == 1)
    let (placed, _) = try engine.offer(app: .leg(.echo)) { _ in }
    defer { placed.close() }
    #expect(placed.audio.configuration.encoder.complexity == 1)
    #expect(throws: ServerError.self) { try MediaEngine(addresses: ["127.0.0.1"], opusComplexity: 11) }
  }
}
