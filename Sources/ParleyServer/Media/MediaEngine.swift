public import ParleyDTLS
public import ParleyMedia
public import ParleyNice
import ParleyOpus
public import ParleySDP
import Synchronization

/// The server's media side: one worker and one network loop per core, one DTLS certificate for the
/// process, the addresses to gather on, and the rooms. It turns SDP into connected ``MediaLeg``s.
public final class MediaEngine: Sendable {
  public let workers: MediaWorkerPool
  public let loops: NiceLoopPool
  public let context: DTLSContext
  public let addresses: [String]
  public let publicAddress: String?
  public let iceTimeoutMilliseconds: UInt32
  /// libopus complexity of every encoder Parley runs (0–10): less is cheaper and a little worse
  /// (`PARLEY_OPUS_COMPLEXITY`; measured costs in README's benchmark section).
  public let opusComplexity: Int
  private let rooms = Mutex<[String: Room]>([:])

  public init(
    addresses: [String], publicAddress: String? = nil, threads: Int? = nil, iceTimeoutMilliseconds: UInt32 = 10_000,
    opusComplexity: Int = 5
  ) throws {
    guard (0...10).contains(opusComplexity) else {
      throw ServerError.configuration("PARLEY_OPUS_COMPLEXITY must be 0…10, not \(opusComplexity)")
    }
    self.opusComplexity = opusComplexity
    guard !addresses.isEmpty else {
      throw ServerError.configuration("PARLEY_MEDIA_ADDRESSES is empty: name the addresses to gather ICE candidates on")
    }
    self.addresses = addresses
    self.publicAddress = publicAddress
    self.iceTimeoutMilliseconds = iceTimeoutMilliseconds
    self.workers = MediaWorkerPool(count: threads)
    self.loops = NiceLoopPool(count: threads)
    self.context = try DTLSContext(certificate: try DTLSCertificate.generate(commonName: "parley"))
  }

  public func stop() {
    workers.stop()
    loops.stop()
  }

  /// A leg for `app`, not yet connected, with sending off (WhatsApp: media only after `accept`).
  public func makeLeg(
    app: CallApp, audio: LegAudioConfiguration, onEvent: @escaping @Sendable (TransportLeg.Event) -> Void
  ) throws -> MediaLeg {
    let room: Room? = if case .room(let name) = app { try self.room(named: name) } else { nil }
    let legApp: LegApp = if case .leg(let legApp) = app { legApp } else { .room }
    let leg = try MediaLeg(
      worker: room?.worker ?? workers.nextWorker(), loop: loops.nextLoop(), context: context,
      ice: ICEAgentConfiguration(
        controlling: true, addresses: addresses, publicAddress: publicAddress,
        connectTimeoutMilliseconds: iceTimeoutMilliseconds),
      audio: audio,
      app: legApp, onEvent: onEvent)
    leg.setSending(false)
    room?.join(leg)
    return leg
  }

  /// Answers a WhatsApp (or WebRTC) offer: a leg for `app`, Parley's answer, and ICE/DTLS started.
  public func answer(offer text: String, app: CallApp, onEvent: @escaping @Sendable (TransportLeg.Event) -> Void)
    throws -> (leg: MediaLeg, answer: String, negotiated: NegotiatedAudio)
  {
    let offer: SDPOffer
    do { offer = try SDPOffer(parsing: text) } catch { throw ServerError.media("bad offer: \(error)") }
    let ssrc = UInt32.random(in: 1...UInt32.max)
    // The audio parameters do not depend on our ICE/DTLS identity: negotiate once with placeholder
    // credentials to configure the leg, then answer with the leg's own.
    let audio: LegAudioConfiguration
    do {
      let placeholder = try LocalMediaParameters(
        iceUfrag: "pending0", icePwd: "pendingpendingpendingpe",
        fingerprintSHA256: context.certificate.sha256Fingerprint,
        ssrc: ssrc, cname: "parley", streamID: "parley", trackID: "audio", sessionID: 1)
      let (_, negotiated) = try Negotiation.answer(to: offer, local: placeholder)
      try usableCandidates(negotiated)
      audio = MediaEngine.audioConfiguration(negotiated, ssrc: ssrc, opusComplexity: opusComplexity)
    } catch let error as ServerError {
      throw error
    } catch {
      throw ServerError.media("cannot answer the offer: \(error)")
    }
    let leg = try makeLeg(app: app, audio: audio, onEvent: onEvent)
    do {
      let (answer, negotiated) = try Negotiation.answer(to: offer, local: try localParameters(for: leg, ssrc: ssrc))
      try connect(leg, negotiated)
      return (leg, answer.sdp, negotiated)
    } catch {
      leg.close()
      throw ServerError.media("cannot answer the offer: \(error)")
    }
  }

  /// Parley's offer for a business-initiated call (`actpass`: WhatsApp answers `active`).
  public func offer(app: CallApp, onEvent: @escaping @Sendable (TransportLeg.Event) -> Void) throws -> (
    leg: MediaLeg, offer: SDPOffer
  ) {
    let ssrc = UInt32.random(in: 1...UInt32.max)
    // WhatsApp answers with Opus 111 at 16 kHz, ~20 kbit/s with FEC (whatsapp-calling.md §3.5).
    let audio = LegAudioConfiguration(
      encoder: OpusEncoderConfiguration(
        bitrate: 20_000, complexity: opusComplexity, inbandFEC: true, maxBandwidth: .wideband),
      ssrc: ssrc)
    let leg = try makeLeg(app: app, audio: audio, onEvent: onEvent)
    do {
      return (leg, Negotiation.createOffer(local: try localParameters(for: leg, ssrc: ssrc)))
    } catch {
      leg.close()
      throw ServerError.media("cannot make an offer: \(error)")
    }
  }

  /// Applies WhatsApp's answer to our offer and starts ICE and DTLS (Parley is the DTLS server).
  public func apply(answer text: String, to offer: SDPOffer, leg: MediaLeg) throws -> NegotiatedAudio {
    do {
      let negotiated = try Negotiation.applyAnswer(try SDPAnswer(parsing: text), to: offer)
      try usableCandidates(negotiated)
      try connect(leg, negotiated)
      return negotiated
    } catch let error as ServerError {
      throw error
    } catch {
      throw ServerError.media("cannot apply the answer: \(error)")
    }
  }

  /// The room called `name`, created on first use (on `worker`, or the next one) and put on its worker.
  public func room(named name: String, on worker: MediaWorker? = nil) throws -> Room {
    try rooms.withLock { rooms in
      if let room = rooms[name] { return room }
      let room = try Room(
        name: name, worker: worker ?? workers.nextWorker(),
        encoder: OpusEncoderConfiguration(complexity: opusComplexity))
      room.worker.add(room)
      rooms[name] = room
      return room
    }
  }

  /// The room called `name` if it exists.
  public func existingRoom(named name: String) -> Room? { rooms.withLock { $0[name] } }

  public var roomNames: [String] { rooms.withLock { Array($0.keys).sorted() } }

  /// How to encode toward the peer: its `maxplaybackrate` bounds the bandwidth, its
  /// `maxaveragebitrate` the bitrate (WhatsApp: 16 kHz, 20 kbit/s), FEC when it asks for it.
  public static func audioConfiguration(_ negotiated: NegotiatedAudio, ssrc: UInt32, opusComplexity: Int = 5)
    -> LegAudioConfiguration
  {
    let opus = negotiated.opus
    let bandwidth = opus.maxPlaybackRate.map { OpusBandwidth(maxPlaybackRate: Int($0)) } ?? .fullband
    let defaultBitrate = bandwidth <= .wideband ? 20_000 : 32_000
    let bitrate = opus.maxAverageBitrate.map { min(Int($0), defaultBitrate) } ?? defaultBitrate
    return LegAudioConfiguration(
      opusPayloadType: negotiated.opusPayloadType, telephoneEventPayloadType: negotiated.telephoneEventPayloadType,
      peerSendsFEC: opus.useInbandFEC ?? false,
      encoder: OpusEncoderConfiguration(
        bitrate: max(bitrate, 6_000), complexity: opusComplexity, inbandFEC: opus.useInbandFEC ?? true,
        maxBandwidth: bandwidth),
      ssrc: ssrc)
  }

  // MARK: - SDP ↔ leg

  private func localParameters(for leg: MediaLeg, ssrc: UInt32) throws -> LocalMediaParameters {
    let tag = String(ssrc, radix: 16)
    return try leg.localMediaParameters(ssrc: ssrc, cname: "parley-\(tag)", trackID: "audio-\(tag)")
  }

  /// WhatsApp always offers reachable UDP candidates; an offer without one would leave libnice waiting.
  private func usableCandidates(_ negotiated: NegotiatedAudio) throws {
    let usable = negotiated.remoteCandidates.contains { candidate in
      guard candidate.transport == .udp, case .ip = candidate.address else { return false }
      return true
    }
    guard usable else { throw ServerError.media("the offer has no usable UDP candidate (Parley does not trickle)") }
  }

  private func connect(_ leg: MediaLeg, _ negotiated: NegotiatedAudio) throws {
    try leg.connect(negotiated: negotiated)
  }
}
