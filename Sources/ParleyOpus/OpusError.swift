/// An error reported by libopus, or detected by the wrapper before calling it.
///
/// Each case is one of libopus's negative return codes (`opus_defines.h`); ``code`` gives the number
/// back and ``description`` the library's own wording (`opus_strerror`). Bad input bytes never trap:
/// a corrupted packet surfaces as ``invalidPacket``.
public enum OpusError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `OPUS_BAD_ARG` (-1): an argument was out of range (a frame size, a bitrate, a channel count).
  case badArgument
  /// `OPUS_BUFFER_TOO_SMALL` (-2): the output buffer cannot hold the result.
  case bufferTooSmall
  /// `OPUS_INTERNAL_ERROR` (-3).
  case internalError
  /// `OPUS_INVALID_PACKET` (-4): the packet is corrupted or not Opus at all.
  case invalidPacket
  /// `OPUS_UNIMPLEMENTED` (-5): the request is not implemented by this libopus.
  case unimplemented
  /// `OPUS_INVALID_STATE` (-6): the encoder or decoder state is invalid.
  case invalidState
  /// `OPUS_ALLOC_FAIL` (-7): libopus could not allocate memory.
  case allocationFailed
  /// Any other negative code a future libopus might return.
  case unknown(code: Int32)

  /// Maps a libopus return code (negative) to an error.
  init(code: Int32) {
    switch code {
    case -1: self = .badArgument
    case -2: self = .bufferTooSmall
    case -3: self = .internalError
    case -4: self = .invalidPacket
    case -5: self = .unimplemented
    case -6: self = .invalidState
    case -7: self = .allocationFailed
    default: self = .unknown(code: code)
    }
  }

  /// The libopus return code (`OPUS_BAD_ARG` … `OPUS_ALLOC_FAIL`).
  public var code: Int32 {
    switch self {
    case .badArgument: -1
    case .bufferTooSmall: -2
    case .internalError: -3
    case .invalidPacket: -4
    case .unimplemented: -5
    case .invalidState: -6
    case .allocationFailed: -7
    case .unknown(let code): code
    }
  }

  /// libopus's wording for the code (the same strings `opus_strerror` returns), with the code.
  public var description: String {
    let text: String =
      switch self {
      case .badArgument: "invalid argument"
      case .bufferTooSmall: "buffer too small"
      case .internalError: "internal error"
      case .invalidPacket: "corrupted stream"
      case .unimplemented: "request not implemented"
      case .invalidState: "invalid state"
      case .allocationFailed: "memory allocation failed"
      case .unknown: "unknown error"
      }
    return "opus error \(code): \(text)"
  }
}

extension OpusError {
  /// Returns `result` when it is not negative, and throws the matching error otherwise.
  @inline(__always)
  static func check(_ result: Int32) throws(OpusError) -> Int32 {
    guard result >= 0 else { throw OpusError(code: result) }
    return result
  }
}
