import CParleyNice

#if canImport(Glibc)
  import Glibc
#endif

/// ``ICEAgentConfiguration/ignoreChecksUntilRemoteSet``: the agent is created without a receive
/// callback, which makes libnice pause reception (its socket sources stop reading; nothing is answered).
/// When the remote side is set, whatever queued up in the kernel meanwhile is read and discarded here,
/// so those checks are lost as WhatsApp's ignored ones are, and the peer's next retransmission is the
/// first one answered.
extension ICEAgent {
  /// Reads and discards every datagram waiting on the UDP sockets bound to the host `candidates`;
  /// returns how many. libnice does not expose its sockets, so they are found among the process's
  /// descriptors by their bound address and port.
  static func discardQueuedDatagrams(on candidates: [ICECandidateInfo]) -> Int {
    let wanted = candidates.filter { $0.kind == .host }.compactMap(BoundAddress.init)
    guard !wanted.isEmpty, let directory = opendir("/proc/self/fd") else { return 0 }
    defer { closedir(directory) }
    var discarded = 0
    var buffer = [UInt8](repeating: 0, count: 2_048)
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      guard let fd = Int32(name), isDatagramSocket(fd), let bound = BoundAddress(socket: fd), wanted.contains(bound)
      else { continue }
      while buffer.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }) >= 0 {
        discarded += 1
      }
    }
    return discarded
  }

  private static func isDatagramSocket(_ fd: Int32) -> Bool {
    var type: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0 && type == Int32(SOCK_DGRAM.rawValue)
  }
}

/// An IP address and port as raw bytes, for comparing a socket's bound address with a candidate.
private struct BoundAddress: Equatable {
  var address: [UInt8]
  var port: UInt16

  init?(_ candidate: ICECandidateInfo) {
    var v4 = in_addr()
    var v6 = in6_addr()
    if inet_pton(AF_INET, candidate.address, &v4) == 1 {
      address = withUnsafeBytes(of: v4) { Array($0) }
    } else if inet_pton(AF_INET6, candidate.address, &v6) == 1 {
      address = withUnsafeBytes(of: v6) { Array($0) }
    } else {
      return nil
    }
    port = candidate.port
  }

  init?(socket fd: Int32) {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let named = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { return nil }
    switch Int32(storage.ss_family) {
    case AF_INET:
      let v4 = withUnsafeBytes(of: storage) { $0.load(as: sockaddr_in.self) }
      address = withUnsafeBytes(of: v4.sin_addr) { Array($0) }
      port = UInt16(bigEndian: v4.sin_port)
    case AF_INET6:
      let v6 = withUnsafeBytes(of: storage) { $0.load(as: sockaddr_in6.self) }
      address = withUnsafeBytes(of: v6.sin6_addr) { Array($0) }
      port = UInt16(bigEndian: v6.sin6_port)
    default:
      return nil
    }
  }
}
