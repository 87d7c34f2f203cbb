import ParleyWhatsApp
import Testing

@Suite struct GraphErrorTests {
  func body(_ code: Int, extra: String = "") -> [UInt8] {
    #"{"error":{"message":"Meta says","type":"OAuthException","code":\#(code)\#(extra),"fbtrace_id":"AbC"}}"#.bytes
  }

  @Test(arguments: [
    (138000, 401, "Calling not enabled on the number", "Ensure API call to /settings is made and successful"),
    (
      138001, 400,
      "Receiver cannot be called: not on WhatsApp, has not accepted the new terms, or uses an unsupported client",
      "Check user’s WhatsApp client and permissions"
    ),
    (138006, 401, "No approved call permission from the user", "Trigger call permission request first"),
    (138012, 400, "Limit on connected business-initiated calls per 24 h (100)", "Wait 24h or reduce attempt"),
  ])
  func seedTableCodes(code: Int, status: Int, meaning: String, resolution: String) throws {
    let error = try #require(GraphError.parse(status: status, body: body(code)))
    #expect(error.code == code)
    #expect(error.httpStatus == status)
    #expect(error.message == "Meta says")
    #expect(error.type == "OAuthException")
    #expect(error.fbtraceID == "AbC")
    #expect(error.meaning == meaning)
    #expect(error.resolution == resolution)
    #expect(error.description == "WhatsApp error \(code) (HTTP \(status)): \(meaning) — \(resolution)")
  }

  @Test func descriptionExample() throws {
    let error = try #require(GraphError.parse(status: 401, body: body(138006)))
    #expect(
      CallingAPIError.graph(error).description
        == "WhatsApp error 138006 (HTTP 401): No approved call permission from the user — Trigger call permission request first"
    )
  }

  @Test func everyListedCodeHasAMeaning() {
    let codes = [
      100, 613, 131009, 131030, 131026, 131044, 131055, 138000, 138001, 138002, 138003, 138004, 138005, 138006, 138007,
      138009, 138011, 138012, 138013, 138014, 138015, 138017, 138018, 138019, 138020, 138021, 138022, 138023,
    ]
    for code in codes {
      #expect(GraphError(httpStatus: 400, code: code, message: "").meaning != nil, "code \(code)")
    }
    for code in [138002, 138003, 138005, 138007, 138009, 138013, 138014, 138017, 138018, 131055, 613, 100] {
      #expect(GraphError(httpStatus: 400, code: code, message: "").resolution != nil, "code \(code)")
    }
  }

  @Test func detailsSubcodeAndUnknownCodes() throws {
    let sdp = try #require(
      GraphError.parse(
        status: 400,
        body: body(100, extra: #","error_subcode":2494010,"error_data":{"details":"No fingerprint found in SDP"}"#)))
    #expect(sdp.subcode == 2_494_010)
    #expect(sdp.details == "No fingerprint found in SDP")
    #expect(sdp.description.hasPrefix("WhatsApp error 100/2494010 (HTTP 400): Invalid parameter"))
    #expect(sdp.description.hasSuffix("(No fingerprint found in SDP)"))

    let limit = try #require(
      GraphError.parse(status: 400, body: body(138012, extra: #","error_data":{"next":1745622600}"#)))
    #expect(limit.details == #"{"next":1745622600}"#)

    let other = try #require(GraphError.parse(status: 400, body: body(190)))
    #expect(other.meaning == nil && other.resolution == nil)
    #expect(other.description == "WhatsApp error 190 (HTTP 400): Meta says")
  }

  @Test func bodyRoundTrips() {
    let error = GraphError(
      httpStatus: 400, code: 100, subcode: 33, message: "Invalid parameter", type: "OAuthException",
      details: "No fingerprint found in SDP", fbtraceID: "Zz")
    #expect(GraphError.parse(status: 400, body: error.body.encoded()) == error)
  }

  @Test func notAGraphError() {
    #expect(GraphError.parse(status: 500, body: "<html>".bytes) == nil)
    #expect(GraphError.parse(status: 500, body: #"{"error":"boom"}"#.bytes) == nil)
    #expect(GraphError.parse(status: 500, body: #"{"error":{"message":"no code"}}"#.bytes) == nil)
    #expect(GraphError.parse(status: 500, body: []) == nil)
  }
}
