/// The tunable settings of an ``OpusEncoder``. libopus validates each value when it is applied and
/// rejects an out-of-range one with ``OpusError/badArgument``.
public struct OpusEncoderConfiguration: Hashable, Sendable {
  /// Target bitrate in bits per second (libopus accepts 500 … 512 000).
  public var bitrate: Int
  /// Computational complexity, 0 (cheapest) … 10 (best quality).
  public var complexity: Int
  /// In-band forward error correction (RFC 6716 §2.1.7, "LBRR"): each packet carries a low-bitrate copy
  /// of the previous frame that ``OpusDecoder/decodeFEC(fromNext:frameSamples:into:)`` can recover.
  /// Only used in SILK and hybrid modes, and only when ``packetLossPercentage`` is above zero.
  public var inbandFEC: Bool
  /// Discontinuous transmission: during silence the encoder returns packets of at most 2 bytes, which
  /// the caller need not send (RFC 7587 §3.1.3).
  public var discontinuousTransmission: Bool
  /// Expected packet loss, 0 … 100 %. Steers how much redundancy in-band FEC spends.
  public var packetLossPercentage: Int
  /// The widest audio bandwidth the encoder may code; set it from the peer's `maxplaybackrate`.
  public var maxBandwidth: OpusBandwidth

  /// Settings for voice over lossy links. The defaults are a starting point, not a measurement.
  public init(
    bitrate: Int = 32_000,
    complexity: Int = 5,
    inbandFEC: Bool = true,
    discontinuousTransmission: Bool = false,
    packetLossPercentage: Int = 10,
    maxBandwidth: OpusBandwidth = .fullband
  ) {
    self.bitrate = bitrate
    self.complexity = complexity
    self.inbandFEC = inbandFEC
    self.discontinuousTransmission = discontinuousTransmission
    self.packetLossPercentage = packetLossPercentage
    self.maxBandwidth = maxBandwidth
  }
}
