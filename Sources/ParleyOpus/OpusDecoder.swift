internal import CParleyOpus

/// An Opus decoder over one libopus `OpusDecoder`, with packet-loss concealment and in-band FEC.
///
/// Opus decodes to 8, 12, 16, 24 or 48 kHz natively, so the output rate is chosen here rather than by
/// resampling later. The instance is the only owner of the C handle and frees it in `deinit`; it is
/// not thread-safe and deliberately not `Sendable` (one media worker owns it). Every decode writes
/// into a caller buffer and allocates nothing.
///
/// On a lost packet, a receiver that already holds the next one calls
/// ``decodeFEC(fromNext:frameSamples:into:)`` and then ``decode(_:into:)`` with that same next packet;
/// one that does not calls ``decodeLoss(frameSamples:into:)``.
public final class OpusDecoder {
  private let handle: OpaquePointer
  /// The rate of the PCM this decoder produces.
  public let sampleRate: OpusSampleRate
  /// Mono or interleaved stereo output.
  public let channels: OpusChannels

  /// Samples per channel in the longest Opus packet (120 ms) at ``sampleRate``: a PCM buffer of
  /// `maxFrameSamples × channels` never fails with ``OpusError/bufferTooSmall``.
  public var maxFrameSamples: Int { sampleRate.samples(milliseconds: 120) }

  /// Creates a decoder producing `channels` of PCM at `sampleRate`.
  public init(sampleRate: OpusSampleRate = .hz48000, channels: OpusChannels = .mono) throws(OpusError) {
    var status: Int32 = 0
    guard let handle = opus_decoder_create(Int32(sampleRate.rawValue), Int32(channels.rawValue), &status) else {
      throw OpusError(code: status < 0 ? status : -7)
    }
    self.handle = handle
    self.sampleRate = sampleRate
    self.channels = channels
  }

  deinit { opus_decoder_destroy(handle) }

  /// Decodes one packet into `pcm` (interleaved) and returns the samples written per channel.
  ///
  /// - Parameters:
  ///   - packet: an Opus packet (an RTP payload, RFC 7587). An empty or corrupted packet throws
  ///     ``OpusError/invalidPacket``; use ``decodeLoss(frameSamples:into:)`` for a missing one.
  ///   - pcm: room for the decoded frame; its capacity per channel is the most that may be decoded.
  public func decode(_ packet: UnsafeRawBufferPointer, into pcm: UnsafeMutableBufferPointer<Int16>)
    throws(OpusError) -> Int
  {
    guard let data = packet.baseAddress, packet.count > 0, packet.count <= Int(Int32.max) else {
      throw .invalidPacket
    }
    return try decode(
      data: data.assumingMemoryBound(to: UInt8.self), length: packet.count, into: pcm,
      frameSamples: pcm.count / channels.count, fec: false)
  }

  /// Conceals a lost packet (libopus PLC, `opus_decode` with no data) and returns `frameSamples`.
  ///
  /// - Parameters:
  ///   - frameSamples: the lost packet's duration in samples per channel, a multiple of 2.5 ms
  ///     (320 for 20 ms at 16 kHz). ``lastPacketDuration`` is a good guess.
  ///   - pcm: room for at least `frameSamples × channels` samples.
  public func decodeLoss(frameSamples: Int, into pcm: UnsafeMutableBufferPointer<Int16>) throws(OpusError) -> Int {
    try decode(data: nil, length: 0, into: pcm, frameSamples: frameSamples, fec: false)
  }

  /// Recovers a lost packet from the in-band FEC data carried by the packet after it
  /// (`decode_fec = 1`) and returns `frameSamples`. Decode `next` normally afterwards.
  ///
  /// If `next` carries no FEC data (a CELT-only packet, or FEC off at the sender), libopus falls back
  /// to concealment, so the call still yields a full frame.
  ///
  /// - Parameters:
  ///   - next: the packet that arrived after the loss.
  ///   - frameSamples: the lost packet's duration in samples per channel, a multiple of 2.5 ms.
  ///   - pcm: room for at least `frameSamples × channels` samples.
  public func decodeFEC(
    fromNext next: UnsafeRawBufferPointer, frameSamples: Int, into pcm: UnsafeMutableBufferPointer<Int16>
  ) throws(OpusError) -> Int {
    guard let data = next.baseAddress, next.count > 0, next.count <= Int(Int32.max) else {
      throw .invalidPacket
    }
    return try decode(
      data: data.assumingMemoryBound(to: UInt8.self), length: next.count, into: pcm, frameSamples: frameSamples,
      fec: true)
  }

  /// The duration of the last decoded or concealed packet, in samples per channel at ``sampleRate``.
  public var lastPacketDuration: Int {
    var value: Int32 = 0
    _ = cparley_opus_decoder_get_last_packet_duration(handle, &value)
    return Int(value)
  }

  /// The number of samples per channel `packet` decodes to at ``sampleRate``, without decoding it.
  public func frameSamples(of packet: UnsafeRawBufferPointer) throws(OpusError) -> Int {
    guard let data = packet.baseAddress, packet.count > 0, packet.count <= Int(Int32.max) else {
      throw .invalidPacket
    }
    let count = try OpusError.check(
      opus_decoder_get_nb_samples(handle, data.assumingMemoryBound(to: UInt8.self), Int32(packet.count)))
    return Int(count)
  }

  /// Forgets all history, as if the decoder were new (for a new stream on the same leg).
  public func reset() throws(OpusError) {
    _ = try OpusError.check(cparley_opus_decoder_reset(handle))
  }

  private func decode(
    data: UnsafePointer<UInt8>?, length: Int, into pcm: UnsafeMutableBufferPointer<Int16>, frameSamples: Int,
    fec: Bool
  ) throws(OpusError) -> Int {
    // libopus itself rejects a concealment or FEC frame size that is not a multiple of 2.5 ms.
    guard frameSamples > 0 else { throw fec || data == nil ? .badArgument : .bufferTooSmall }
    guard let samples = pcm.baseAddress, frameSamples * channels.count <= pcm.count else { throw .bufferTooSmall }
    let decoded = try OpusError.check(
      opus_decode(handle, data, Int32(length), samples, Int32(clamping: frameSamples), fec ? 1 : 0))
    return Int(decoded)
  }
}
