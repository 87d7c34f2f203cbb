/// A `c=` line (RFC 8866 §5.7): `c=<nettype> <addrtype> <connection-address>`.
public struct ConnectionData: Sendable, Hashable, CustomStringConvertible {
  /// `IN`.
  public var networkType: String
  /// `IP4` or `IP6`.
  public var addressType: String
  /// The address as written (may carry a multicast `/ttl`, or be a host name).
  public var address: String

  public init(networkType: String = "IN", addressType: String, address: String) {
    self.networkType = networkType
    self.addressType = addressType
    self.address = address
  }

  /// `IN IP4 <address>` or `IN IP6 <address>` for an IP address.
  public init(_ address: IPAddress) {
    self.init(addressType: address.isIPv6 ? "IP6" : "IP4", address: address.description)
  }

  /// `IN IP4 0.0.0.0`, the placeholder JSEP uses when there is no default candidate (RFC 8829 §5.2.1).
  public static let unspecified = ConnectionData(addressType: "IP4", address: "0.0.0.0")

  init(parsing value: Substring) throws(FieldError) {
    let fields = try SDPGrammar.fields(value, what: "c-line")
    guard fields.count == 3, SDPGrammar.isToken(fields[0]), SDPGrammar.isToken(fields[1]),
      SDPGrammar.isVisible(fields[2])
    else {
      throw FieldError("c-line needs <nettype> <addrtype> <connection-address>")
    }
    self.init(networkType: String(fields[0]), addressType: String(fields[1]), address: String(fields[2]))
  }

  /// The address as an IP address, when it is one.
  public var ipAddress: IPAddress? {
    try? IPAddress(parsing: address)
  }

  /// The value of the `c=` line, without `c=`.
  public var description: String { "\(networkType) \(addressType) \(address)" }
}
