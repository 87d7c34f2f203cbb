/// The outcome of an audio offer/answer, the same for both directions: what the media engine,
/// the ICE agent and the DTLS endpoint need to know.
public struct NegotiatedAudio: Sendable, Hashable {
  /// The Opus payload type (the offer's, e.g. 111).
  public var opusPayloadType: UInt8
  /// Opus parameters as the PEER declared them (its receive preferences: maxplaybackrate,
  /// maxaveragebitrate, useinbandfec, stereo, ptime...). Encode toward these.
  public var opus: OpusParameters
  /// `telephone-event/8000` payload type (RFC 4733); nil when the peer has none.
  public var telephoneEventPayloadType: UInt8?
  /// The RFC 6464 audio level header extension ID, when both sides have it.
  public var audioLevelExtensionID: UInt8?
  /// The peer's ICE credentials.
  public var remoteICEUfrag: String
  public var remoteICEPwd: String
  /// The peer is an ICE-lite agent (WhatsApp is).
  public var remoteICELite: Bool
  /// The peer's component-1 candidates over UDP and TCP, IPv4, IPv6 and mDNS, in SDP order.
  /// TCP ones are kept (their ``ICECandidate/transport`` marks them): the ICE agent uses or skips them.
  public var remoteCandidates: [ICECandidate]
  /// The peer's sha-256 certificate fingerprint; its DTLS certificate must match it.
  public var remoteFingerprint: Fingerprint
  /// Our DTLS role.
  public var dtlsRole: DTLSRole
  /// Our ICE role: true when we are the controlling agent (RFC 8445 §6.1.1).
  public var iceControlling: Bool
  /// The audio `a=mid`, if the offer had one.
  public var mid: String?
  /// RTP and RTCP share one port (RFC 5761); always true, Parley requires it.
  public var rtcpMux: Bool
  /// The peer's first SSRC, when it declared one.
  public var remoteSSRC: UInt32?
  /// The audio section is in a BUNDLE group (RFC 9143).
  public var bundle: Bool
  /// Our media direction.
  public var direction: MediaDirection

  public init(
    opusPayloadType: UInt8, opus: OpusParameters, telephoneEventPayloadType: UInt8?, audioLevelExtensionID: UInt8?,
    remoteICEUfrag: String, remoteICEPwd: String, remoteICELite: Bool, remoteCandidates: [ICECandidate],
    remoteFingerprint: Fingerprint, dtlsRole: DTLSRole, iceControlling: Bool, mid: String?, rtcpMux: Bool,
    remoteSSRC: UInt32?, bundle: Bool, direction: MediaDirection
  ) {
    self.opusPayloadType = opusPayloadType
    self.opus = opus
    self.telephoneEventPayloadType = telephoneEventPayloadType
    self.audioLevelExtensionID = audioLevelExtensionID
    self.remoteICEUfrag = remoteICEUfrag
    self.remoteICEPwd = remoteICEPwd
    self.remoteICELite = remoteICELite
    self.remoteCandidates = remoteCandidates
    self.remoteFingerprint = remoteFingerprint
    self.dtlsRole = dtlsRole
    self.iceControlling = iceControlling
    self.mid = mid
    self.rtcpMux = rtcpMux
    self.remoteSSRC = remoteSSRC
    self.bundle = bundle
    self.direction = direction
  }
}
