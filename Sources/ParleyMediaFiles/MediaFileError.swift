/// An error opening, reading or writing a prompt or a recording.
///
/// Missing, truncated or corrupt files, and bad packets handed to a writer, always surface as one of
/// these; nothing in this module traps on the contents of a file or a packet.
public enum MediaFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The operating system would not open or create the file (`open(2)`/`fopen(3)`); `errno` says why,
  /// e.g. `ENOENT` (2) for a missing file or directory, `EACCES` (13) for permissions.
  case cannotOpen(path: String, errno: Int32)
  /// libopusfile rejected the stream: `code` is its negative error code (`opusfile.h`), e.g.
  /// `OP_ENOTFORMAT` (-132) for a file that is not Ogg/Opus, `OP_EBADHEADER` (-133) for a truncated or
  /// malformed header, `OP_EBADPACKET` (-136) for a packet that does not decode.
  case opusFile(code: Int32)
  /// libsndfile rejected the file: its error number (`sf_error`) and its wording (`sf_strerror`), e.g.
  /// code 1, "Format not recognised.", for a text file named `.wav`.
  case soundFile(code: Int32, message: String)
  /// The file is readable but outside what this module supports (the reason says what).
  case unsupportedFormat(String)
  /// libogg reported an internal failure (`ogg_stream_init` or `ogg_stream_packetin`; out of memory).
  case ogg
  /// A read from the file failed (`read(2)`); `errno` says why, e.g. `EIO` (5).
  case readFailed(errno: Int32)
  /// A write to the file failed (`write(2)` or `fsync(2)`); `errno` says why, e.g. `ENOSPC` (28).
  case writeFailed(errno: Int32)
  /// The packet is not a valid Opus packet (RFC 6716 §3.1, §3.2: empty, a code 3 packet without its
  /// frame count byte, or more than 120 ms), or longer than ``OggOpusWriter/maxPacketSize``.
  case invalidPacket
  /// An argument was out of range (the text names it and the accepted range).
  case invalidArgument(String)
  /// The reader or writer was already closed.
  case closed

  public var description: String {
    switch self {
    case .cannotOpen(let path, let errno): "cannot open \(path): errno \(errno)"
    case .opusFile(let code): "libopusfile error \(code): \(Self.opusFileName(code))"
    case .soundFile(let code, let message): "libsndfile error \(code): \(message)"
    case .unsupportedFormat(let reason): "unsupported format: \(reason)"
    case .ogg: "libogg internal error"
    case .readFailed(let errno): "read failed: errno \(errno)"
    case .writeFailed(let errno): "write failed: errno \(errno)"
    case .invalidPacket: "invalid Opus packet"
    case .invalidArgument(let reason): "invalid argument: \(reason)"
    case .closed: "already closed"
    }
  }

  /// The name of a libopusfile error code (`opusfile.h`).
  static func opusFileName(_ code: Int32) -> String {
    switch code {
    case -1: "OP_FALSE"
    case -2: "OP_EOF"
    case -3: "OP_HOLE"
    case -128: "OP_EREAD (read, seek or tell failed)"
    case -129: "OP_EFAULT (allocation failed or internal error)"
    case -130: "OP_EIMPL (feature not implemented)"
    case -131: "OP_EINVAL (invalid argument)"
    case -132: "OP_ENOTFORMAT (not an Ogg/Opus stream)"
    case -133: "OP_EBADHEADER (missing or malformed header)"
    case -134: "OP_EVERSION (unknown OpusHead version)"
    case -135: "OP_ENOTAUDIO"
    case -136: "OP_EBADPACKET (packet failed to decode)"
    case -137: "OP_EBADLINK (data seen before not found again)"
    case -138: "OP_ENOSEEK (stream not seekable)"
    case -139: "OP_EBADTIMESTAMP (invalid granule position)"
    default: "unknown"
    }
  }
}
