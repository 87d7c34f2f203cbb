import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ParleySandbox
import ParleyServer
import ParleyTesting
import ParleyWhatsApp
import Testing

/// The whole stack with an independent phone: aiortc (Tests/Interop/peer.py) plays a WhatsApp caller,
/// the test plays WhatsApp's cloud for it (a signed connect webhook to a running Parley over HTTP), the
/// sandbox emulates the calling API, and the caller's tone must come back through `echo`.
@Suite(.serialized) struct EndToEndTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// An aiortc phone as the sandbox drives it: Parley's answer goes to aiortc.
  final class AiortcPhone: SandboxPhone, @unchecked Sendable {
    let peer: InteropPeer
    init(peer: InteropPeer) { self.peer = peer }
    func receiveAnswer(_ sdp: String) throws { try peer.send(type: "answer", sdp: sdp) }
    func answer(offer: String) throws -> String { throw InteropPeer.Failure.noVenv("not used") }
    func close() {}
  }

  @Test func anAiortcCallerIsAnsweredAndHearsItselfThroughEcho() async throws {
    let secret = "e2e-app-secret"
    let stack = try await LocalStack.start(
      addresses: ["127.0.0.1"], policy: "accept", app: "echo", logger: Logger(label: "e2e")
    ) { configuration in
      configuration.appSecret = secret
      configuration.webhookHeader = nil
      configuration.controlToken = "e2e-token"
    }
    let peer = try InteropPeer(root: Self.root, mode: .whatsappOffer, tone: 523, seconds: 3)
    let offer = try peer.receiveSDP(type: "offer")
    let callID = "wacid.e2e-aiortc-1"
    await stack.sandbox.cloud.expectCall(id: callID, from: "15557770001", phone: AiortcPhone(peer: peer), offer: offer)

    let connect = WebhookBody.connect(
      CallConnect(
        callID: callID, from: "15557770001", to: "15550000000", direction: .userInitiated,
        timestamp: Int64(Date().timeIntervalSince1970), sdpType: "offer", sdp: offer),
      wabaID: "200000000000002", phoneNumberID: "100000000000001", displayPhoneNumber: "15550000000")
    #expect(
      try await post(stack, "/webhook", connect, signature: WebhookSignature.sign(connect, secret: secret)) == 200)

    let result = try await peer.awaitResult()
    #expect(result.error == nil, "aiortc: \(result.error ?? "")")
    #expect(result.dtlsState == "connected")
    let heard = try #require(result.receivedFrequency)
    #expect(abs(heard - 523) < 523 * 0.02, "the caller heard \(heard) Hz through echo")

    let requests = await stack.sandbox.cloud.requests.filter { $0.callID == callID }
    #expect(requests.map(\.action) == ["pre_accept", "accept"])
    #expect(requests.allSatisfy { $0.status == 200 })
    let bodies = try requests.map { try JSONDecoder().decode(CallActionRequest.self, from: Data($0.body.utf8)) }
    #expect(bodies.count == 2 && bodies[0].session == bodies[1].session, "accept carries pre_accept's SDP")
    #expect(bodies.first?.session?.sdpType == "answer")
    #expect(bodies.first?.session?.sdp.contains("a=setup:active\r\n") == true)

    let terminate = WebhookBody.terminate(
      CallTerminate(
        callID: callID, direction: .userInitiated, timestamp: Int64(Date().timeIntervalSince1970),
        status: "COMPLETED", duration: 3),
      from: "15557770001", to: "15550000000", wabaID: "200000000000002", phoneNumberID: "100000000000001",
      displayPhoneNumber: "15550000000")
    #expect(
      try await post(stack, "/webhook", terminate, signature: WebhookSignature.sign(terminate, secret: secret)) == 200)
    var view: JSONValue = .null
    for _ in 0..<100 {
      view = try await get(stack, "/v1/calls/\(callID)", token: "e2e-token")
      if view["state"]?.stringValue == "ended" { break }
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(view["state"]?.stringValue == "ended")
    #expect(view["end_reason"]?.stringValue == "completed")
    let timings = try #require(view["timings_ms"]?.objectValue)
    for milestone in ["pre_accept_posted", "ice_connected", "dtls_done", "connected"] {
      #expect(timings[milestone] != nil, "timing \(milestone) missing: \(timings.keys.sorted())")
    }
    #expect((view["media"]?["packets_received"].flatMap { if case .number(let n) = $0 { n } else { nil } } ?? 0) > 50)
    #expect(try await get(stack, "/v1/calls/\(callID)", token: "wrong")["error"] != nil)
    peer.waitForExit()
    await stack.stop()
  }

  func post(_ stack: LocalStack, _ path: String, _ body: [UInt8], signature: String) async throws -> UInt {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(stack.serverPort)\(path)")
    request.method = .POST
    request.headers.add(name: "X-Hub-Signature-256", value: signature)
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(bytes: body))
    let response = try await stack.httpClient.execute(request, timeout: .seconds(5))
    _ = try await response.body.collect(upTo: 1 << 20)
    return response.status.code
  }

  func get(_ stack: LocalStack, _ path: String, token: String) async throws -> JSONValue {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(stack.serverPort)\(path)")
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    let response = try await stack.httpClient.execute(request, timeout: .seconds(5))
    return try JSONValue.decode(Array(buffer: try await response.body.collect(upTo: 1 << 20)))
  }
}
