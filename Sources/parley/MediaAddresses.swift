import ParleySDP

#if canImport(Glibc)
  import Glibc
#endif

/// `PARLEY_MEDIA_ADDRESSES`: the comma-separated IP addresses Parley gathers ICE candidates on.
enum MediaAddresses {
  static func fromEnvironment() throws -> [IPAddress] {
    guard let raw = getenv("PARLEY_MEDIA_ADDRESSES") else { return [] }
    return try parse(String(cString: raw))
  }

  static func parse(_ text: String) throws -> [IPAddress] {
    try text.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) }.filter { !$0.isEmpty }.map {
      try IPAddress(parsing: $0)
    }
  }
}
