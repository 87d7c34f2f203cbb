internal import CParleyOgg

/// One libogg logical stream (`ogg_stream_state`) that packs packets into pages (RFC 3533 §6) and
/// writes the pages to a file.
///
/// The instance is the only owner of the stream state, which lives at a fixed address and is
/// cleared in `deinit`. libogg copies each packet into its own body buffer, which it compacts as
/// pages go out, so a steady stream of small packets reuses the same memory.
final class OggStream {
  private let state: UnsafeMutablePointer<ogg_stream_state>

  /// Starts a logical stream with `serialNumber` (RFC 3533 §6: unique among the streams of a file).
  init(serialNumber: UInt32) throws(MediaFileError) {
    state = .allocate(capacity: 1)
    guard ogg_stream_init(state, Int32(bitPattern: serialNumber)) == 0 else {
      state.deallocate()
      throw .ogg
    }
  }

  deinit {
    ogg_stream_clear(state)
    state.deallocate()
  }

  /// Queues one packet. `granulePosition` is the codec's position after the packet (RFC 7845 §4 for
  /// Opus); the page it completes on carries the position of its last completed packet.
  func append(
    _ packet: UnsafeRawBufferPointer, granulePosition: Int64, packetNumber: Int64, beginsStream: Bool,
    endsStream: Bool
  ) throws(MediaFileError) {
    guard let bytes = packet.baseAddress, packet.count > 0 else { throw .invalidPacket }
    var op = ogg_packet(
      packet: UnsafeMutablePointer(mutating: bytes.assumingMemoryBound(to: UInt8.self)), bytes: packet.count,
      b_o_s: beginsStream ? 1 : 0, e_o_s: endsStream ? 1 : 0, granulepos: granulePosition, packetno: packetNumber)
    // libogg only reads the packet bytes (it copies them into the stream's body buffer).
    guard ogg_stream_packetin(state, &op) == 0 else { throw .ogg }
  }

  /// Writes the pages libogg considers full (`ogg_stream_pageout`), or, with `flush`, every queued
  /// packet on as few pages as possible (`ogg_stream_flush`), so that the next packet starts a new page.
  func writePages(to file: FileDescriptor, flush: Bool) throws(MediaFileError) {
    var page = ogg_page()
    while (flush ? ogg_stream_flush(state, &page) : ogg_stream_pageout(state, &page)) != 0 {
      try file.write(UnsafeRawBufferPointer(start: page.header, count: page.header_len))
      try file.write(UnsafeRawBufferPointer(start: page.body, count: page.body_len))
    }
  }
}
