internal import CParleyOpus

/// Facts about the linked libopus.
public enum OpusLibrary {
  /// The libopus version, e.g. `"libopus 1.3.1"`.
  public static var version: String { String(cString: opus_get_version_string()) }
}
