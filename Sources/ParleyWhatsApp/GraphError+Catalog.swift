extension GraphError {
  /// The meaning column of whatsapp-calling.md §5, every code listed there.
  static let meanings: [Int: String] = [
    100: "Invalid parameter; covers SDP validation failures, with the reason in error_data",
    613: "Rate limit on the call-permission GET",
    131009: "Interactive voice_call not supported (sender's country)",
    131026: "Permission request sent to an old client",
    131030: "Recipient not in the allowed list (public test numbers only)",
    131044: "No valid payment method",
    131055: "Graph calling endpoints used on a number with SIP enabled",
    138000: "Calling not enabled on the number",
    138001:
      "Receiver cannot be called: not on WhatsApp, has not accepted the new terms, or uses an unsupported client",
    138002: "Concurrent-call limit (1000)",
    138003: "A call with this user is already in progress",
    138004: "Connection error while connecting the call",
    138005: "Call-initiation rate limit",
    138006: "No approved call permission from the user",
    138007: "Connect timeout: the offer/answer was not applied, or connect/accept not called, in time",
    138009: "Permission-request limit reached for this business+user pair",
    138011: "Undocumented calling error (mentioned in Meta's FAQ only)",
    138012: "Limit on connected business-initiated calls per 24 h (100)",
    138013: "Business-initiated calling not available for this number (country)",
    138014: "Calling temporarily disabled for low quality",
    138015: "Calling cannot be enabled (messaging limit below 2000)",
    138017: "Permission request not sent because a permanent permission already exists",
    138018: "Technical prerequisites missing: no app subscribed to calls and no SIP configured",
    138019: "Client failed to set up the call",
    138020: "Client could not connect to the relay",
    138021: "Media receive timeout: the client got no media from us",
    138022: "Media transmit timeout",
    138023: "Accepted, but ended without any media signals",
  ]

  /// Resolutions: 360dialog's "Common errors" table word for word for 138000, 138001, 138006
  /// and 138012; the others follow from §1–§5.
  static let resolutions: [Int: String] = [
    138000: "Ensure API call to /settings is made and successful",
    138001: "Check user’s WhatsApp client and permissions",
    138006: "Trigger call permission request first",
    138012: "Wait 24h or reduce attempt",
    100: "Check the request fields; for SDP errors read error_data.details and fix the SDP",
    613: "Slow down call-permission lookups and retry later",
    131055: "Disable SIP in the calling settings to use the Graph calling endpoints",
    138002: "Wait for active calls to end before placing more",
    138003: "Wait for the current call with this user to end",
    138005: "Back off and retry the call later",
    138007: "Answer faster: pre_accept and accept within the 30–60 s window with the same SDP",
    138009: "Wait before sending another permission request (1 per 24 h, 2 per 7 days)",
    138013: "Use a business number in a country where business-initiated calling is available",
    138014: "Improve pickup rates; calling is restored after the quality restriction expires",
    138017: "Call the user directly; a permanent permission already exists",
    138018: "Subscribe the app to the calls webhook field or configure SIP",
  ]
}
