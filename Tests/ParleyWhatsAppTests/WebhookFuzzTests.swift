import ParleyWhatsApp
import Testing

/// Seeded mutations of the fixture webhooks: parsing must return or throw, never crash.
@Suite struct WebhookFuzzTests {
  @Test func twoThousandMutationsNeverCrash() throws {
    let seeds = try Fixtures.webhooks.map(Fixtures.bytes)
    var random = SplitMix64(state: 0x5EED_1234)
    var parsed = 0
    var thrown = 0
    let interesting: [UInt8] = Array(#"{}[]":,0123456789-.eE\tnull"#.utf8) + [0x00, 0xFF, 0xC3]
    for _ in 0..<2000 {
      var bytes = seeds[Int(random.next() % UInt64(seeds.count))]
      for _ in 0..<(1 + Int(random.next() % 8)) {
        guard !bytes.isEmpty else { break }
        let index = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 5 {
        case 0: bytes[index] ^= UInt8(truncatingIfNeeded: 1 << (random.next() % 8))
        case 1: bytes[index] = interesting[Int(random.next() % UInt64(interesting.count))]
        case 2: bytes.removeSubrange(index...)
        case 3: bytes.remove(at: index)
        default: bytes.insert(interesting[Int(random.next() % UInt64(interesting.count))], at: index)
        }
      }
      do {
        _ = try Webhook.parse(bytes)
        parsed += 1
      } catch {
        #expect(!error.description.isEmpty)
        thrown += 1
      }
    }
    #expect(parsed + thrown == 2000)
    #expect(parsed > 0 && thrown > 0)
  }
}
