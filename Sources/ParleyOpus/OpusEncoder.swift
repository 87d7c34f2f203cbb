internal import CParleyOpus

/// An Opus encoder (application `OPUS_APPLICATION_VOIP`) over one libopus `OpusEncoder`.
///
/// The instance is the only owner of the C handle and frees it in `deinit`. It is not thread-safe
/// and deliberately not `Sendable`: one media worker owns it (hand it over with `sending`).
/// ``encode(pcm:into:)`` writes into a caller buffer and allocates nothing.
public final class OpusEncoder {
  private let handle: OpaquePointer
  /// The rate of the PCM this encoder takes.
  public let sampleRate: OpusSampleRate
  /// Mono or interleaved stereo input.
  public let channels: OpusChannels
  /// The settings last applied.
  public private(set) var configuration: OpusEncoderConfiguration

  /// The largest packet one frame can produce (RFC 6716 §3.4: 1275 bytes per frame, up to 3 frames
  /// in 60 ms); an output buffer of this size never fails with ``OpusError/bufferTooSmall``.
  public static let maxPacketSize = 4000

  /// Creates an encoder for `channels` of PCM at `sampleRate` (48 kHz unless the mixer runs slower).
  public init(
    sampleRate: OpusSampleRate = .hz48000,
    channels: OpusChannels = .mono,
    configuration: OpusEncoderConfiguration = OpusEncoderConfiguration()
  ) throws(OpusError) {
    var status: Int32 = 0
    guard
      let handle = opus_encoder_create(
        Int32(sampleRate.rawValue), Int32(channels.rawValue), OPUS_APPLICATION_VOIP, &status)
    else { throw OpusError(code: status < 0 ? status : -7) }
    self.handle = handle
    self.sampleRate = sampleRate
    self.channels = channels
    self.configuration = configuration
    try apply(configuration)
  }

  deinit { opus_encoder_destroy(handle) }

  /// Applies new settings, e.g. a lower bitrate or a higher loss hint from RTCP receiver reports.
  public func reconfigure(_ configuration: OpusEncoderConfiguration) throws(OpusError) {
    try apply(configuration)
    self.configuration = configuration
  }

  /// The encoder's lookahead in samples per channel: how far its output lags its input.
  public var lookahead: Int {
    var value: Int32 = 0
    _ = cparley_opus_get_lookahead(handle, &value)
    return Int(value)
  }

  /// Encodes one frame of interleaved PCM into `output` and returns the packet length in bytes.
  ///
  /// - Parameters:
  ///   - pcm: one frame of samples, `frameSamples × channels` long, where `frameSamples` is 2.5, 5, 10,
  ///     20, 40 or 60 ms at ``sampleRate`` (960 per channel for 20 ms at 48 kHz).
  ///   - output: room for the packet; ``maxPacketSize`` bytes always suffice.
  /// - Returns: the packet length. With DTX on, 1 or 2 bytes mean "silence, nothing to send".
  public func encode(pcm: UnsafeBufferPointer<Int16>, into output: UnsafeMutableRawBufferPointer) throws(OpusError)
    -> Int
  {
    guard let samples = pcm.baseAddress, pcm.count % channels.count == 0 else { throw .badArgument }
    guard let bytes = output.baseAddress, output.count > 0 else { throw .bufferTooSmall }
    let frameSamples = pcm.count / channels.count
    let length = try OpusError.check(
      opus_encode(
        handle, samples, Int32(clamping: frameSamples), bytes.assumingMemoryBound(to: UInt8.self),
        Int32(clamping: output.count)))
    return Int(length)
  }

  /// Forgets all history, as if the encoder were new (for a new stream on the same leg).
  public func reset() throws(OpusError) {
    _ = try OpusError.check(cparley_opus_encoder_reset(handle))
  }

  private func apply(_ configuration: OpusEncoderConfiguration) throws(OpusError) {
    _ = try OpusError.check(cparley_opus_set_bitrate(handle, Int32(clamping: configuration.bitrate)))
    _ = try OpusError.check(cparley_opus_set_complexity(handle, Int32(clamping: configuration.complexity)))
    _ = try OpusError.check(cparley_opus_set_inband_fec(handle, configuration.inbandFEC ? 1 : 0))
    _ = try OpusError.check(cparley_opus_set_dtx(handle, configuration.discontinuousTransmission ? 1 : 0))
    _ = try OpusError.check(
      cparley_opus_set_packet_loss_perc(handle, Int32(clamping: configuration.packetLossPercentage)))
    _ = try OpusError.check(cparley_opus_set_max_bandwidth(handle, Int32(configuration.maxBandwidth.rawValue)))
  }
}
