internal import CParleySRTP

/// libsrtp's one-time initialisation (`srtp_init`, which also initialises NSS for this build). Swift
/// runs a global's initialiser exactly once, on first use, even under concurrent access.
let srtpInitStatus: Int32 = Int32(truncatingIfNeeded: srtp_init().rawValue)

/// Facts about the linked libsrtp.
public enum SRTPLibrary {
  /// The libsrtp version, e.g. `"libsrtp2 2.5.0"`.
  public static var version: String { String(cString: srtp_get_version_string()) }
}
