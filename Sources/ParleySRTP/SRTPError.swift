/// An error from SRTP protection or verification: libsrtp's status, or a check the wrapper makes first.
///
/// Nothing that arrives from the network traps; a forged, replayed or truncated packet throws.
public enum SRTPError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The authentication tag did not verify (`srtp_err_status_auth_fail`): a forged, corrupted or
  /// wrongly keyed packet.
  case authenticationFailed
  /// The packet index was already seen or is older than the replay window (`srtp_err_status_replay_fail`
  /// or `srtp_err_status_replay_old`).
  case replay
  /// The packet is shorter than its header plus trailer.
  case packetTooShort(length: Int, minimum: Int)
  /// The buffer has no room for the trailer protection appends, or `length` exceeds the buffer.
  case bufferTooSmall(capacity: Int, needed: Int)
  /// Keying material, a master key or a master salt has the wrong length for the profile.
  case invalidKeyLength(expected: Int, actual: Int)
  /// Any other libsrtp status (`srtp_err_status_t`).
  case library(code: Int32)

  /// Maps a non-zero libsrtp status to an error.
  init(status: Int32) {
    switch status {
    case 7: self = .authenticationFailed
    case 9, 10: self = .replay
    default: self = .library(code: status)
    }
  }

  /// The libsrtp status (`srtp_err_status_t`) this error is, or the nearest one for checks the
  /// wrapper makes itself (`bad_param` for lengths, `parse_err` for a short packet).
  public var code: Int32 {
    switch self {
    case .authenticationFailed: 7
    case .replay: 9
    case .packetTooShort: 21
    case .bufferTooSmall, .invalidKeyLength: 2
    case .library(let code): code
    }
  }

  public var description: String {
    switch self {
    case .authenticationFailed:
      "SRTP authentication failed (srtp_err_status_auth_fail)"
    case .replay:
      "SRTP replay: packet index already seen or too old (srtp_err_status_replay_fail)"
    case .packetTooShort(let length, let minimum):
      "SRTP packet too short: \(length) bytes, need at least \(minimum)"
    case .bufferTooSmall(let capacity, let needed):
      "SRTP buffer too small: capacity \(capacity) bytes, need \(needed)"
    case .invalidKeyLength(let expected, let actual):
      "SRTP keying material has \(actual) bytes, the profile needs \(expected)"
    case .library(let code):
      "libsrtp error \(code) (srtp_err_status_\(Self.statusName(code)))"
    }
  }

  /// The suffix of the `srtp_err_status_…` constant for `code`, as in libsrtp 2.5's `srtp.h`.
  static func statusName(_ code: Int32) -> String {
    let names = [
      "ok", "fail", "bad_param", "alloc_fail", "dealloc_fail", "init_fail", "terminus", "auth_fail",
      "cipher_fail", "replay_fail", "replay_old", "algo_fail", "no_such_op", "no_ctx", "cant_check",
      "key_expired", "socket_err", "signal_err", "nonce_bad", "read_fail", "write_fail", "parse_err",
      "encode_err", "semaphore_err", "pfkey_err", "bad_mki", "pkt_idx_old", "pkt_idx_adv",
    ]
    return names.indices.contains(Int(code)) ? names[Int(code)] : "unknown"
  }
}
