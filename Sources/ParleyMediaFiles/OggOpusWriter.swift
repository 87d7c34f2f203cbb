internal import Glibc

/// Writes Opus packets, as they arrived, into an Ogg/Opus file (RFC 7845): a recording without
/// re-encoding.
///
/// The file starts with the identification header alone on the first page (RFC 7845 §3, §5.1:
/// version 1, ``channels``, ``preSkip``, input sample rate, output gain 0, mapping family 0) and the
/// comment header on the next page (§5.2, vendor "Parley"). Each ``append(packet:samples:)`` then adds
/// one audio packet; page granule positions count every sample decoded so far, pre-skip included
/// (§4). When `samples` says more time passed than the packet lasts (a loss or DTX gap on the RTP
/// timeline), the writer first inserts packets of zero-length frames that a decoder conceals (§4.1),
/// so the granule positions follow the RTP clock while staying true to what decodes.
///
/// **Crash safety.** Complete pages go to the file with `write(2)` as soon as libogg closes them, and at
/// least every ``flushInterval`` samples of audio a page is forced (`ogg_stream_flush`). If the
/// process dies, the file is a valid Ogg/Opus stream up to the last written page (without the final
/// end-of-stream flag, which libopusfile does not need). The last packet is held back until the next
/// one arrives, so that ``close()`` can mark it end-of-stream (RFC 3533 §6).
///
/// A writer dropped without ``close()`` finishes the file as ``close()`` would (ignoring errors). The
/// instance owns its file and libogg stream; it is not thread-safe and not `Sendable` (one media
/// worker owns it). After warm-up, appending a packet allocates nothing.
public final class OggOpusWriter {
  /// The largest packet accepted, 64 KiB (RFC 6716 §3.2.5: at most 48 frames of at most 1275 bytes,
  /// plus framing and padding; an RTP payload is far smaller).
  public static let maxPacketSize = 65_536
  /// The longest gap concealed between two packets, 10 minutes at 48 kHz; longer gaps are cut to this.
  public static let maxGapSamples = 28_800_000
  /// Samples (at 48 kHz) that the decoder discards at the start (RFC 7845 §4.2, §5.1).
  public let preSkip: Int
  /// The channel count in the identification header: 1 or 2.
  public let channels: Int
  /// The Ogg logical stream serial number (RFC 3533 §6).
  public let serialNumber: UInt32
  /// The most audio, in samples at 48 kHz, between two forced page flushes.
  public let flushInterval: Int
  /// The granule position after the packets appended so far (pre-skip included, RFC 7845 §4).
  public private(set) var granulePosition: Int64 = 0

  private let file: FileDescriptor
  private let stream: OggStream
  private let synchronizesOnFlush: Bool
  private let held: UnsafeMutableRawBufferPointer
  private var heldCount = 0
  private var heldTOC: UInt8 = 0
  private var packetNumber: Int64 = 0
  private var submittedGranule: Int64 = 0
  private var flushedGranule: Int64 = 0
  private var isClosed = false

  /// Creates (or truncates) `path` and writes the two header pages.
  ///
  /// - Parameters:
  ///   - channels: 1 or 2, for the identification header (the packets may code either).
  ///   - preSkip: samples the decoder drops at the start, 0…65535. The default, 312, is libopus's
  ///     lookahead at 48 kHz, which is what most senders (including WhatsApp's libopus) use.
  ///   - inputSampleRate: the original rate, for information only (RFC 7845 §5.1).
  ///   - serialNumber: the Ogg stream serial number; random when `nil`.
  ///   - flushInterval: at most this much audio (samples at 48 kHz) between forced pages; 1 s by default.
  ///   - synchronizesOnFlush: also `fsync(2)` at each forced page, to survive power loss, not just a crash.
  public init(
    path: String, channels: Int = 1, preSkip: Int = 312, inputSampleRate: Int = 48_000,
    serialNumber: UInt32? = nil, flushInterval: Int = 48_000, synchronizesOnFlush: Bool = false
  ) throws(MediaFileError) {
    guard channels == 1 || channels == 2 else { throw .invalidArgument("channels \(channels), expected 1 or 2") }
    guard (0...65_535).contains(preSkip) else { throw .invalidArgument("preSkip \(preSkip), expected 0...65535") }
    guard (0...Int(UInt32.max)).contains(inputSampleRate) else {
      throw .invalidArgument("inputSampleRate \(inputSampleRate)")
    }
    guard flushInterval > 0 else { throw .invalidArgument("flushInterval \(flushInterval), expected > 0") }
    self.channels = channels
    self.preSkip = preSkip
    self.serialNumber = serialNumber ?? UInt32.random(in: .min ... .max)
    self.flushInterval = flushInterval
    self.synchronizesOnFlush = synchronizesOnFlush
    stream = try OggStream(serialNumber: self.serialNumber)
    file = try FileDescriptor(path: path, flags: O_WRONLY | O_CREAT | O_TRUNC)
    held = .allocate(byteCount: Self.maxPacketSize, alignment: 1)

    // RFC 7845 §3: OpusHead alone on the first page (beginning of stream), OpusTags completing on the
    // next page(s), granule position 0 for both; the first audio packet starts a fresh page.
    let head = OggOpusHeaders.identification(channels: channels, preSkip: preSkip, inputSampleRate: inputSampleRate)
    let tags = OggOpusHeaders.comments(vendor: "Parley", comments: [])
    try submitHeader(head, beginsStream: true)
    try submitHeader(tags, beginsStream: false)
  }

  deinit {
    if !isClosed { try? close() }
    held.deallocate()
  }

  /// Appends one Opus packet, unchanged.
  ///
  /// - Parameters:
  ///   - packet: one Opus packet (an RTP payload, RFC 7587), at most ``maxPacketSize`` bytes.
  ///   - samples: the time it covers on the 48 kHz RTP clock: its own duration (960 for 20 ms), or
  ///     more after a gap (the RTP timestamp step since the previous packet). Time beyond the packet's
  ///     own duration is filled with concealment packets (RFC 7845 §4.1), in steps of 2.5 ms, at most
  ///     ``maxGapSamples``; less than the packet's duration counts as its duration.
  /// - Throws: ``MediaFileError/invalidPacket`` for a packet that is not Opus (nothing is written),
  ///   ``MediaFileError/writeFailed(errno:)``, ``MediaFileError/closed``.
  public func append(packet: UnsafeRawBufferPointer, samples: Int) throws(MediaFileError) {
    guard !isClosed else { throw .closed }
    guard packet.count <= Self.maxPacketSize, let duration = OpusPacket.duration(of: packet) else {
      throw .invalidPacket
    }
    let previousTOC = heldCount > 0 ? heldTOC : packet[0]
    try submitHeld(endsStream: false)
    let gap = min(max(0, samples - duration), Self.maxGapSamples)
    if gap > 0 {
      var plc: (UInt8, UInt8) = (0, 0)
      _ = try OpusPacket.concealment(gap: gap, after: previousTOC) {
        toc, frames, concealed throws(MediaFileError) in
        plc = (toc, frames)
        try withUnsafeBytes(of: &plc) { bytes throws(MediaFileError) in
          try submit(bytes, granule: submittedGranule + Int64(concealed))
        }
      }
    }
    held.copyMemory(from: packet)
    heldCount = packet.count
    heldTOC = packet[0]
    granulePosition = submittedGranule + Int64(duration)
    try writePages()
  }

  /// Forces the packets appended so far onto a page and writes it now (and `fsync`s if asked to); the
  /// last one stays held back for ``close()`` to flag end-of-stream.
  public func flush() throws(MediaFileError) {
    guard !isClosed else { throw .closed }
    try stream.writePages(to: file, flush: true)
    flushedGranule = submittedGranule
    if synchronizesOnFlush { try file.synchronize() }
  }

  /// Writes the last packet on a page flagged end-of-stream (RFC 3533 §6) and closes the file.
  ///
  /// A stream must end with a packet, so a recording without any packet gets one 20 ms concealment
  /// packet (silence). Later calls throw ``MediaFileError/closed``.
  public func close() throws(MediaFileError) {
    guard !isClosed else { throw .closed }
    isClosed = true
    if heldCount == 0 && packetNumber == 2 {
      // TOC config 31 (CELT fullband 20 ms), code 0, one zero-length frame (RFC 6716 §3.2.1).
      held[0] = 31 << 3
      heldCount = 1
      granulePosition = 960
    }
    try submitHeld(endsStream: true)
    try stream.writePages(to: file, flush: true)
    if synchronizesOnFlush { try file.synchronize() }
    try file.close()
  }

  /// Hands the held packet to libogg, flagged end-of-stream if asked.
  private func submitHeld(endsStream: Bool) throws(MediaFileError) {
    guard heldCount > 0 else { return }
    try submit(UnsafeRawBufferPointer(rebasing: held[0..<heldCount]), granule: granulePosition, endsStream: endsStream)
    heldCount = 0
  }

  /// Submits a header packet (granule position 0) and flushes it onto its own page(s).
  private func submitHeader(_ header: [UInt8], beginsStream: Bool) throws(MediaFileError) {
    // Array.withUnsafeBytes only rethrows untyped errors: carry the typed one out by value.
    let failure: MediaFileError? = header.withUnsafeBytes { bytes in
      do throws(MediaFileError) {
        try submit(bytes, granule: 0, beginsStream: beginsStream)
        return nil
      } catch { return error }
    }
    if let failure { throw failure }
    try stream.writePages(to: file, flush: true)
  }

  private func submit(
    _ packet: UnsafeRawBufferPointer, granule: Int64, beginsStream: Bool = false, endsStream: Bool = false
  ) throws(MediaFileError) {
    try stream.append(
      packet, granulePosition: granule, packetNumber: packetNumber, beginsStream: beginsStream, endsStream: endsStream)
    packetNumber += 1
    submittedGranule = granule
  }

  /// Writes full pages, and forces one when a flush interval of audio has gone by since the last.
  private func writePages() throws(MediaFileError) {
    if submittedGranule - flushedGranule >= Int64(flushInterval) {
      try flush()
    } else {
      try stream.writePages(to: file, flush: false)
    }
  }
}
