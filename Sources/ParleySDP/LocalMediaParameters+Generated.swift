extension LocalMediaParameters {
  /// Fresh identifiers for one call: ICE credentials (RFC 8839 §5.4: 8-char ufrag, 24-char pwd),
  /// SSRC, CNAME, msid ids and session id, drawn from `generator` (the caller owns the randomness).
  public static func generated(
    fingerprintSHA256: [UInt8], candidates: [ICECandidate] = [], opus: OpusParameters = .parleyDefault,
    using generator: inout some RandomNumberGenerator
  ) throws(SDPError) -> LocalMediaParameters {
    func token(_ length: Int) -> String {
      let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
      return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
    return try LocalMediaParameters(
      iceUfrag: token(8), icePwd: token(24), fingerprintSHA256: fingerprintSHA256, candidates: candidates,
      ssrc: UInt32.random(in: 1...UInt32.max, using: &generator), cname: token(16), streamID: token(12),
      trackID: token(12), sessionID: UInt64.random(in: 1..<(UInt64(1) << 62), using: &generator), opus: opus)
  }
}

extension ICECandidate {
  /// A UDP host candidate for RTP (component 1) with the RFC 8445 §5.1.2.1 priority: type
  /// preference 126, local preference 65535 minus `index`, so earlier addresses are preferred.
  public static func host(address: IPAddress, port: UInt16, index: Int = 0) -> ICECandidate {
    let localPreference = UInt32(65_535 - min(max(index, 0), 65_535))
    let priority = (UInt32(126) << 24) | (localPreference << 8) | (256 - 1)
    return ICECandidate(
      foundation: String(index + 1), priority: priority, address: .ip(address), port: port, type: .host)
  }
}
