extension AudioMediaDescription {
  /// Reads media section `mediaIndex` of `session` as audio.
  ///
  /// Throws ``SDPError/noAudio`` for an index out of range, ``SDPError/notAudio(media:)`` for a
  /// non-audio section, and ``SDPError/malformedLine(number:text:reason:)`` naming the first bad
  /// attribute.
  public init(_ session: SessionDescription, mediaIndex: Int) throws(SDPError) {
    guard session.mediaDescriptions.indices.contains(mediaIndex) else { throw .noAudio }
    let section = session.mediaDescriptions[mediaIndex]
    guard section.media == "audio" else { throw .notAudio(media: section.media) }

    var sessionLevel = Collected()
    for (index, line) in session.sessionLines.enumerated() {
      try sessionLevel.read(line, number: index + 1, mediaLevel: false)
    }
    var media = Collected()
    let firstLineNumber = session.lineNumber(media: mediaIndex, index: 0)
    for (index, line) in section.lines.enumerated() {
      try media.read(line, number: firstLineNumber + index, mediaLevel: true)
    }

    var formats: [PayloadFormat] = []
    var seen: Set<UInt8> = []
    for payloadType in section.mediaLine.payloadTypes where seen.insert(payloadType).inserted {
      guard var format = media.rtpmaps[payloadType] ?? PayloadFormat.staticAudio(payloadType) else { continue }
      format.parameters = media.fmtps[payloadType] ?? FormatParameters()
      format.feedback = (media.feedback[payloadType] ?? []) + media.wildcardFeedback
      formats.append(format)
    }
    var opusParameters: OpusParameters?
    if let opus = formats.first(where: \.isOpus) {
      do {
        opusParameters = try OpusParameters(opus.parameters, ptime: media.ptime, maxPTime: media.maxPTime)
      } catch {
        let number = media.fmtpLines[opus.payloadType] ?? session.lineNumber(media: mediaIndex, index: -1)
        throw .malformedLine(
          number: number, text: "a=fmtp:\(opus.payloadType) \(opus.parameters)", reason: error.reason)
      }
    }

    let mid = section.mid
    self.init(
      index: mediaIndex, mediaLine: section.mediaLine, mid: mid, connection: section.connection ?? session.connection,
      formats: formats, ptime: media.ptime, maxPTime: media.maxPTime,
      iceUfrag: media.iceUfrag ?? sessionLevel.iceUfrag, icePwd: media.icePwd ?? sessionLevel.icePwd,
      iceLite: session.isICELite, iceOptions: media.iceOptions ?? sessionLevel.iceOptions ?? [],
      candidates: media.candidates, endOfCandidates: media.endOfCandidates,
      fingerprints: media.fingerprints.isEmpty ? sessionLevel.fingerprints : media.fingerprints,
      setup: media.setup ?? sessionLevel.setup, rtcpMux: media.rtcpMux, rtcpReducedSize: media.rtcpReducedSize,
      direction: media.direction ?? sessionLevel.direction ?? .sendrecv,
      extensionMaps: media.extensionMaps + sessionLevel.extensionMaps, ssrcs: media.ssrcs, msid: media.msid,
      bundleGroup: mid.flatMap { session.bundleGroup(containing: $0) }, opusParameters: opusParameters)
  }
}

/// The attributes of one level (session or media) as they are read, line by line.
private struct Collected {
  var rtpmaps: [UInt8: PayloadFormat] = [:]
  var fmtps: [UInt8: FormatParameters] = [:]
  var fmtpLines: [UInt8: Int] = [:]
  var feedback: [UInt8: [String]] = [:]
  var wildcardFeedback: [String] = []
  var ptime: UInt32?
  var maxPTime: UInt32?
  var iceUfrag: String?
  var icePwd: String?
  var iceOptions: [String]?
  var candidates: [ICECandidate] = []
  var endOfCandidates = false
  var fingerprints: [Fingerprint] = []
  var setup: DTLSSetup?
  var rtcpMux = false
  var rtcpReducedSize = false
  var direction: MediaDirection?
  var extensionMaps: [ExtensionMap] = []
  var ssrcs: [SSRCDescription] = []
  var ssrcIndex: [UInt32: Int] = [:]
  var msid: MediaStreamID?

  mutating func read(_ line: SDPLine, number: Int, mediaLevel: Bool) throws(SDPError) {
    guard let attribute = line.attribute else { return }
    do {
      try read(attribute, number: number, mediaLevel: mediaLevel)
    } catch {
      throw .malformedLine(number: number, text: SDPGrammar.printable(line.description), reason: error.reason)
    }
  }

  private mutating func read(_ attribute: SDPAttribute, number: Int, mediaLevel: Bool) throws(FieldError) {
    let value = (attribute.value ?? "")[...]
    if let direction = MediaDirection(rawValue: attribute.name) {
      if self.direction == nil { self.direction = direction }
      return
    }
    switch attribute.name {
    case "ice-ufrag" where iceUfrag == nil:
      guard SDPGrammar.isICEString(value, length: 1...256) else {
        throw FieldError("ice-ufrag must be 1...256 ice-chars")
      }
      iceUfrag = String(value)
    case "ice-pwd" where icePwd == nil:
      guard SDPGrammar.isICEString(value, length: 1...256) else {
        throw FieldError("ice-pwd must be 1...256 ice-chars")
      }
      icePwd = String(value)
    case "ice-options" where iceOptions == nil:
      iceOptions = SDPGrammar.split(value, on: 0x20).filter { !$0.isEmpty }.map(String.init)
    case "fingerprint":
      do { fingerprints.append(try Fingerprint(attributeValue: value)) } catch {
        if case .invalidFingerprint(_, let reason) = error { throw FieldError("fingerprint: \(reason)") }
        throw FieldError("fingerprint: \(error)")
      }
    case "setup" where setup == nil:
      guard let parsed = DTLSSetup(rawValue: String(value)) else {
        throw FieldError("setup must be active, passive, actpass or holdconn")
      }
      setup = parsed
    case "extmap":
      extensionMaps.append(try ExtensionMap(attributeValue: value))
    case _ where !mediaLevel:
      return
    case "rtpmap":
      let format = try PayloadFormat(rtpmap: value)
      if rtpmaps[format.payloadType] == nil { rtpmaps[format.payloadType] = format }
    case "fmtp":
      let parts = SDPGrammar.split(value, on: 0x20, maxSplits: 1)
      guard let payloadType = SDPGrammar.decimal(parts[0], as: UInt8.self), payloadType <= 127 else { return }
      if fmtps[payloadType] == nil {
        fmtps[payloadType] = FormatParameters(parsing: parts.count == 2 ? parts[1] : "")
        fmtpLines[payloadType] = number
      }
    case "rtcp-fb":
      let parts = SDPGrammar.split(value, on: 0x20, maxSplits: 1)
      guard parts.count == 2 else { throw FieldError("rtcp-fb needs '<payload type> <feedback>'") }
      if parts[0] == "*" {
        wildcardFeedback.append(String(parts[1]))
      } else if let payloadType = SDPGrammar.decimal(parts[0], as: UInt8.self), payloadType <= 127 {
        feedback[payloadType, default: []].append(String(parts[1]))
      }
    case "ptime" where ptime == nil:
      ptime = try Self.milliseconds(value, name: "ptime")
    case "maxptime" where maxPTime == nil:
      maxPTime = try Self.milliseconds(value, name: "maxptime")
    case "candidate":
      candidates.append(try ICECandidate(value: value))
    case "end-of-candidates":
      endOfCandidates = true
    case "rtcp-mux":
      rtcpMux = true
    case "rtcp-rsize":
      rtcpReducedSize = true
    case "ssrc":
      let (ssrc, ssrcAttribute) = try SSRCDescription.parse(value)
      if let index = ssrcIndex[ssrc] {
        ssrcs[index].attributes.append(ssrcAttribute)
      } else {
        ssrcIndex[ssrc] = ssrcs.count
        ssrcs.append(SSRCDescription(ssrc: ssrc, attributes: [ssrcAttribute]))
      }
    case "msid" where msid == nil:
      guard let parsed = MediaStreamID(attributeValue: String(value)) else {
        throw FieldError("msid needs '<stream id> [<track id>]'")
      }
      msid = parsed
    default:
      return
    }
  }

  /// `ptime-value = non-zero-int-or-real` (RFC 8866 §9); a fraction is dropped.
  private static func milliseconds(_ value: Substring, name: String) throws(FieldError) -> UInt32 {
    let whole = SDPGrammar.split(value, on: 0x2E, maxSplits: 1)
    guard let number = SDPGrammar.decimal(whole[0], as: UInt32.self),
      whole.count == 1 || SDPGrammar.decimal(whole[1], as: UInt64.self) != nil
    else { throw FieldError("\(name) must be a number of milliseconds") }
    return number
  }
}
