/// A typed view of one audio media section and the session-level attributes that apply to it.
///
/// Media-level values win over session-level ones for ICE credentials and options
/// (RFC 8839 §5.4, §5.6), fingerprints (RFC 8122 §5), `a=setup` (RFC 4145 §4) and direction
/// (RFC 8866 §6.7); `a=ice-lite` exists only at the session level (RFC 8839 §5.3).
/// Construction validates every attribute it reads and names the offending line when one is bad.
public struct AudioMediaDescription: Sendable, Hashable {
  /// The index of the section among the session's media sections.
  public var index: Int
  public var mediaLine: MediaLine
  /// `a=mid` (RFC 5888 §4).
  public var mid: String?
  /// The media-level `c=` line, else the session-level one.
  public var connection: ConnectionData?
  /// The payload formats in m-line order: those with an `a=rtpmap`, and static ones without.
  public var formats: [PayloadFormat]
  /// `a=ptime` / `a=maxptime` in ms (RFC 8866 §6.4, §6.5).
  public var ptime: UInt32?
  public var maxPTime: UInt32?
  /// `a=ice-ufrag` / `a=ice-pwd` (RFC 8839 §5.4).
  public var iceUfrag: String?
  public var icePwd: String?
  /// Session-level `a=ice-lite` (RFC 8839 §5.3).
  public var iceLite: Bool
  /// `a=ice-options` tokens, e.g. `trickle` (RFC 8839 §5.6).
  public var iceOptions: [String]
  /// `a=candidate` lines, every component and transport (RFC 8839 §5.1).
  public var candidates: [ICECandidate]
  /// `a=end-of-candidates` (RFC 8840 §8.2).
  public var endOfCandidates: Bool
  /// Every `a=fingerprint` (RFC 8122 §5); several hash functions may be offered.
  public var fingerprints: [Fingerprint]
  /// `a=setup` (RFC 4145 §4 / RFC 5763 §5).
  public var setup: DTLSSetup?
  /// `a=rtcp-mux` (RFC 5761 §5.1.3) and `a=rtcp-rsize` (RFC 5506 §5).
  public var rtcpMux: Bool
  public var rtcpReducedSize: Bool
  /// The direction attribute; `sendrecv` when absent (RFC 8866 §6.7).
  public var direction: MediaDirection
  /// `a=extmap` lines (RFC 8285 §8), media-level then session-level.
  public var extensionMaps: [ExtensionMap]
  /// `a=ssrc` lines grouped by SSRC, in order of first appearance (RFC 5576).
  public var ssrcs: [SSRCDescription]
  /// `a=msid` (RFC 8830 §2).
  public var msid: MediaStreamID?
  /// The session's BUNDLE group that holds this section's mid (RFC 9143).
  public var bundleGroup: MediaGroup?
  /// The Opus parameters of the first Opus format, with ptime/maxptime; nil without Opus.
  public var opusParameters: OpusParameters?

  /// The first `opus/48000/2` format (RFC 7587 §7).
  public var opus: PayloadFormat? { formats.first(where: \.isOpus) }

  /// The first `telephone-event/8000` format (RFC 4733 §7.1.1); 48 kHz events are ignored.
  public var telephoneEvent: PayloadFormat? {
    formats.first { $0.isTelephoneEvent && $0.clockRate == 8000 }
  }

  /// The payload type of the first audio format with this name and clock rate.
  public func format(named name: String, clockRate: UInt32) -> PayloadFormat? {
    formats.first { SDPGrammar.equalsIgnoringCase($0.encodingName, name) && $0.clockRate == clockRate }
  }

  /// The ID of the RFC 6464 audio level extension, if negotiated.
  public var audioLevelExtensionID: UInt8? {
    extensionMaps.first { $0.uri == ExtensionMap.audioLevelURI }?.id
  }

  /// The first fingerprint with this hash function.
  public func fingerprint(algorithm: String) -> Fingerprint? {
    let algorithm = SDPGrammar.lowercased(algorithm)
    return fingerprints.first { $0.algorithm == algorithm }
  }
}

extension SessionDescription {
  /// The first audio section that is not rejected (port 0 without `a=bundle-only`), typed.
  ///
  /// Throws ``SDPError/noAudio`` when there is none, or the error of a malformed attribute.
  public func audio() throws(SDPError) -> AudioMediaDescription {
    guard let index = firstAudioIndex else { throw .noAudio }
    return try AudioMediaDescription(self, mediaIndex: index)
  }

  /// The index of the first audio section that is not rejected.
  var firstAudioIndex: Int? {
    mediaDescriptions.firstIndex { $0.media == "audio" && !$0.isRejected }
  }
}
