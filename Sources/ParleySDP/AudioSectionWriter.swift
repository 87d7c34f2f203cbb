/// Writes Parley's own SDP: the session-level lines and the audio section, in the layout of
/// WhatsApp's sample answer (`whatsapp-calling.md` §3.2), plus rejected sections (RFC 3264 §6).
struct AudioSectionWriter {
  let local: LocalMediaParameters

  /// `v=0`, `o=`, `s=-`, `t=0 0`, optional `a=group:BUNDLE <mid>`, `a=msid-semantic`.
  func sessionLines(bundleMid: String?) -> [SDPLine] {
    var lines = [
      SDPLine(type: "v", value: "0"),
      SDPLine(type: "o", value: "- \(local.sessionID) \(local.sessionVersion) IN IP4 127.0.0.1"),
      SDPLine(type: "s", value: "-"),
      SDPLine(type: "t", value: "0 0"),
    ]
    if let bundleMid { lines.append(.attribute("group", "BUNDLE \(bundleMid)")) }
    lines.append(.attribute("msid-semantic", " WMS \(local.streamID)"))
    return lines
  }

  /// Our audio section. The default candidate (RFC 8829 §5.2.1) is the first UDP candidate; without
  /// one, port 9 and `c=IN IP4 0.0.0.0`.
  func audioSection(
    proto: String, opusPayloadType: UInt8, telephoneEventPayloadType: UInt8?, audioLevelExtensionID: UInt8?,
    setup: DTLSSetup, mid: String?, direction: MediaDirection
  ) -> MediaDescription {
    let defaultCandidate = local.candidates.first { $0.transport == .udp && $0.address.ipAddress != nil }
    var formats = [String(opusPayloadType)]
    if let telephoneEventPayloadType { formats.append(String(telephoneEventPayloadType)) }
    let mediaLine = MediaLine(media: "audio", port: defaultCandidate?.port ?? 9, proto: proto, formats: formats)

    let connection = defaultCandidate?.address.ipAddress.map(ConnectionData.init) ?? .unspecified
    var lines = [
      SDPLine(type: "c", value: connection.description),
      .attribute("rtcp", "9 IN IP4 0.0.0.0"),
    ]
    lines += local.candidates.map(\.line)
    if !local.candidates.isEmpty { lines.append(.attribute("end-of-candidates")) }
    lines += [
      .attribute("ice-ufrag", local.iceUfrag),
      .attribute("ice-pwd", local.icePwd),
      .attribute("fingerprint", local.fingerprint.description),
      .attribute("setup", setup.rawValue),
    ]
    if let mid { lines.append(.attribute("mid", mid)) }
    if let audioLevelExtensionID {
      lines.append(.attribute("extmap", "\(audioLevelExtensionID) \(ExtensionMap.audioLevelURI)"))
    }
    lines.append(.attribute(direction.rawValue))
    lines.append(.attribute("rtcp-mux"))
    lines.append(.attribute("rtpmap", "\(opusPayloadType) opus/48000/2"))
    let fmtp = local.opus.formatParameters
    if !fmtp.parameters.isEmpty { lines.append(.attribute("fmtp", "\(opusPayloadType) \(fmtp)")) }
    if let ptime = local.opus.ptime { lines.append(.attribute("ptime", String(ptime))) }
    if let maxPTime = local.opus.maxPTime { lines.append(.attribute("maxptime", String(maxPTime))) }
    if let telephoneEventPayloadType {
      lines.append(.attribute("rtpmap", "\(telephoneEventPayloadType) telephone-event/8000"))
    }
    lines.append(.attribute("ssrc", "\(local.ssrc) cname:\(local.cname)"))
    lines.append(.attribute("ssrc", "\(local.ssrc) msid:\(local.streamID) \(local.trackID)"))
    return MediaDescription(mediaLine: mediaLine, lines: lines)
  }

  /// A rejected section: same media and proto, port 0, the first offered format, the offer's mid
  /// (RFC 3264 §6, RFC 8829 §5.3.1).
  static func rejected(_ offered: MediaDescription) -> MediaDescription {
    let line = MediaLine(
      media: offered.mediaLine.media, port: 0, proto: offered.mediaLine.proto,
      formats: Array(offered.mediaLine.formats.prefix(1)))
    var lines = [SDPLine(type: "c", value: ConnectionData.unspecified.description)]
    if let mid = offered.mid { lines.append(.attribute("mid", mid)) }
    return MediaDescription(mediaLine: line, lines: lines)
  }
}
