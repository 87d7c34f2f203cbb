/// Opus payload parameters (RFC 7587 §7, §6.1) plus the packetisation attributes `a=ptime` and
/// `a=maxptime` (RFC 8866 §6.4, §6.5). Every field is optional: nil means "not declared".
///
/// WhatsApp declares e.g. `maxaveragebitrate=20000;maxplaybackrate=16000;minptime=20;
/// sprop-maxcapturerate=16000;useinbandfec=1` with `a=ptime:20`.
public struct OpusParameters: Sendable, Hashable {
  /// `minptime`: the shortest packet duration in ms the receiver wants.
  public var minPTime: UInt32?
  /// `useinbandfec`: the receiver can decode in-band FEC.
  public var useInbandFEC: Bool?
  /// `maxplaybackrate`: the receiver's maximum output sample rate in Hz.
  public var maxPlaybackRate: UInt32?
  /// `sprop-maxcapturerate`: the sender's maximum input sample rate in Hz.
  public var spropMaxCaptureRate: UInt32?
  /// `maxaveragebitrate`: the maximum average bitrate the receiver wants, in bit/s.
  public var maxAverageBitrate: UInt32?
  /// `stereo`: the receiver prefers stereo.
  public var stereo: Bool?
  /// `sprop-stereo`: the sender is likely to send stereo.
  public var spropStereo: Bool?
  /// `cbr`: the receiver wants constant bitrate.
  public var cbr: Bool?
  /// `usedtx`: the receiver wants discontinuous transmission.
  public var useDTX: Bool?
  /// `a=ptime`, ms.
  public var ptime: UInt32?
  /// `a=maxptime`, ms.
  public var maxPTime: UInt32?

  public init(
    minPTime: UInt32? = nil, useInbandFEC: Bool? = nil, maxPlaybackRate: UInt32? = nil,
    spropMaxCaptureRate: UInt32? = nil, maxAverageBitrate: UInt32? = nil, stereo: Bool? = nil,
    spropStereo: Bool? = nil, cbr: Bool? = nil, useDTX: Bool? = nil, ptime: UInt32? = nil, maxPTime: UInt32? = nil
  ) {
    self.minPTime = minPTime
    self.useInbandFEC = useInbandFEC
    self.maxPlaybackRate = maxPlaybackRate
    self.spropMaxCaptureRate = spropMaxCaptureRate
    self.maxAverageBitrate = maxAverageBitrate
    self.stereo = stereo
    self.spropStereo = spropStereo
    self.cbr = cbr
    self.useDTX = useDTX
    self.ptime = ptime
    self.maxPTime = maxPTime
  }

  /// What Parley offers by default: `minptime=10;useinbandfec=1`, as WhatsApp's samples do.
  public static let parleyDefault = OpusParameters(minPTime: 10, useInbandFEC: true)

  /// Reads the Opus parameters of an fmtp line; unknown parameters are ignored (RFC 7587 §7),
  /// known ones with a bad value throw.
  init(_ fmtp: FormatParameters, ptime: UInt32?, maxPTime: UInt32?) throws(FieldError) {
    func number(_ name: String) throws(FieldError) -> UInt32? {
      guard let text = fmtp[name] else { return nil }
      guard let value = SDPGrammar.decimal(text[...], as: UInt32.self) else {
        throw FieldError("opus \(name)=\(SDPGrammar.printable(text, limit: 20)) is not a number")
      }
      return value
    }
    func flag(_ name: String) throws(FieldError) -> Bool? {
      switch fmtp[name] {
      case nil: return nil
      case "0": return false
      case "1": return true
      case let other?: throw FieldError("opus \(name)=\(SDPGrammar.printable(other, limit: 20)) must be 0 or 1")
      }
    }
    self.init(
      minPTime: try number("minptime"), useInbandFEC: try flag("useinbandfec"),
      maxPlaybackRate: try number("maxplaybackrate"), spropMaxCaptureRate: try number("sprop-maxcapturerate"),
      maxAverageBitrate: try number("maxaveragebitrate"), stereo: try flag("stereo"),
      spropStereo: try flag("sprop-stereo"), cbr: try flag("cbr"), useDTX: try flag("usedtx"), ptime: ptime,
      maxPTime: maxPTime)
  }

  /// The fmtp parameters in a fixed order (minptime and useinbandfec first); ptime/maxptime are
  /// attributes of their own and not included.
  public var formatParameters: FormatParameters {
    var items: [FormatParameters.Parameter] = []
    func add(_ name: String, _ value: UInt32?) {
      if let value { items.append(.init(name: name, value: String(value))) }
    }
    func add(_ name: String, _ value: Bool?) {
      if let value { items.append(.init(name: name, value: value ? "1" : "0")) }
    }
    add("minptime", minPTime)
    add("useinbandfec", useInbandFEC)
    add("maxplaybackrate", maxPlaybackRate)
    add("sprop-maxcapturerate", spropMaxCaptureRate)
    add("maxaveragebitrate", maxAverageBitrate)
    add("stereo", stereo)
    add("sprop-stereo", spropStereo)
    add("cbr", cbr)
    add("usedtx", useDTX)
    return FormatParameters(items)
  }
}
