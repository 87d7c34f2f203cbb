public import ParleyTesting
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One phone's path through a ``NetworkEmulator``: a socket Parley talks to (``port``, announced in the
/// phone's SDP) and one the phone talks to, with a ``VirtualLink`` each way. Parley's address is learned
/// from its first datagram (its first connectivity check: the phone, ICE-lite, never sends first).
public final class NetworkPath: @unchecked Sendable {
  /// What each direction did so far.
  public struct Statistics: Sendable, Equatable {
    /// Phone → Parley.
    public var uplink: Direction
    /// Parley → phone.
    public var downlink: Direction
  }

  /// Datagrams through one direction.
  public struct Direction: Sendable, Equatable {
    public var sent = 0
    public var lost = 0
    public var duplicated = 0
    public var delivered = 0
    /// Delivered after a datagram sent later than it.
    public var reordered = 0

    public init() {}

    /// Adds another path's figures (totals over many phones).
    public mutating func add(_ other: Direction) {
      sent += other.sent
      lost += other.lost
      duplicated += other.duplicated
      delivered += other.delivered
      reordered += other.reordered
    }
  }

  /// A datagram in a link, numbered in sending order so overtaking can be counted.
  struct Datagram {
    var index: Int
    var bytes: [UInt8]
  }

  /// One direction: the link and what left it.
  struct Link {
    var link: VirtualLink<Datagram>
    var sent = 0
    var lastDelivered = -1
    var reordered = 0

    init(seed: UInt64) { link = VirtualLink(seed: seed, schedule: LinkSchedule(NetworkPath.clean)) }

    mutating func send(_ bytes: [UInt8], at now: Int64) {
      link.send(Datagram(index: sent, bytes: bytes), at: now)
      sent += 1
    }

    mutating func deliver(until now: Int64, _ body: ([UInt8]) -> Void) {
      link.deliver(until: now) { datagram, _ in
        if datagram.index < lastDelivered { reordered += 1 }
        lastDelivered = max(lastDelivered, datagram.index)
        body(datagram.bytes)
      }
    }

    var statistics: Direction {
      var direction = Direction()
      direction.sent = link.statistics.sent
      direction.lost = link.statistics.lost
      direction.duplicated = link.statistics.duplicated
      direction.delivered = link.statistics.delivered
      direction.reordered = reordered
      return direction
    }
  }

  /// The host both sockets are on (the phone's).
  public let host: String
  /// The port Parley sends to: the phone announces it instead of its own.
  public let port: UInt16
  let publicSocket: Int32
  let phoneSocket: Int32
  private let phoneAddress: sockaddr_in
  /// Links and Parley's address; touched by the relay thread and by callers changing conditions.
  private let state: Mutex<State>
  private let closed = Atomic<Bool>(false)
  private let socketsReleased = Atomic<Bool>(false)
  private let inFlight = Atomic<Int>(0)
  /// Where datagrams are read into; touched only by the relay thread.
  private var receiveBuffer = [UInt8](repeating: 0, count: 2_048)

  private struct State: @unchecked Sendable {
    var uplink: Link
    var downlink: Link
    var parley: sockaddr_in?
  }

  /// Clean: no delay, no loss.
  public static let clean = LinkConditions(baseDelay: 0)

  init(host: String, phonePort: UInt16, seed: UInt64) throws(NetworkPathError) {
    var phone = sockaddr_in()
    phone.sin_family = sa_family_t(AF_INET)
    phone.sin_port = phonePort.bigEndian
    guard inet_pton(AF_INET, host, &phone.sin_addr) == 1 else {
      throw NetworkPathError("the network emulator relays IPv4 only; \(host) is not an IPv4 address")
    }
    let publicSide = try Self.bind(host: host)
    let phoneSide: (socket: Int32, port: UInt16)
    do { phoneSide = try Self.bind(host: host) } catch {
      Glibc.close(publicSide.socket)
      throw error
    }
    self.host = host
    port = publicSide.port
    publicSocket = publicSide.socket
    phoneSocket = phoneSide.socket
    phoneAddress = phone
    state = Mutex(State(uplink: Link(seed: seed), downlink: Link(seed: seed &* 31 &+ 7)))
  }

  deinit { releaseSockets() }

  /// From now on the phone's packets toward Parley meet `conditions` (its base delay, jitter, loss,
  /// reordering); `PhonePath.clean` ends an impairment.
  public func setUplink(_ conditions: LinkConditions) {
    state.withLock { $0.uplink.link.schedule = LinkSchedule(conditions) }
  }

  /// From now on Parley's packets toward the phone meet `conditions`.
  public func setDownlink(_ conditions: LinkConditions) {
    state.withLock { $0.downlink.link.schedule = LinkSchedule(conditions) }
  }

  public var statistics: Statistics {
    state.withLock { Statistics(uplink: $0.uplink.statistics, downlink: $0.downlink.statistics) }
  }

  /// Stops relaying (the emulator's thread closes the sockets). Idempotent.
  public func close() { closed.store(true, ordering: .releasing) }

  var isClosed: Bool { closed.load(ordering: .acquiring) }
  var hasPacketsInFlight: Bool { inFlight.load(ordering: .relaxed) > 0 }

  func releaseSockets() {
    guard !socketsReleased.exchange(true, ordering: .acquiringAndReleasing) else { return }
    Glibc.close(publicSocket)
    Glibc.close(phoneSocket)
  }

  /// Reads every waiting datagram on both sockets into its link (relay thread).
  func receive(now: Int64) {
    var from = sockaddr_in()
    for (socket, fromParley) in [(publicSocket, true), (phoneSocket, false)] {
      while true {
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let count = receiveBuffer.withUnsafeMutableBytes { bytes in
          withUnsafeMutablePointer(to: &from) { address in
            address.withMemoryRebound(to: sockaddr.self, capacity: 1) {
              recvfrom(socket, bytes.baseAddress, bytes.count, Int32(MSG_DONTWAIT), $0, &length)
            }
          }
        }
        guard count > 0 else { break }
        let packet = Array(receiveBuffer[0..<count])
        state.withLock { state in
          if fromParley {
            state.parley = from
            state.downlink.send(packet, at: now)
          } else {
            state.uplink.send(packet, at: now)
          }
          inFlight.store(state.uplink.link.inFlightCount + state.downlink.link.inFlightCount, ordering: .relaxed)
        }
      }
    }
  }

  /// Sends what is due by `now` (relay thread): the uplink from the public socket to Parley, the
  /// downlink from the phone-side socket to the phone.
  func deliver(now: Int64) {
    state.withLock { state in
      if let parley = state.parley {
        state.uplink.deliver(until: now) { Self.send($0, from: publicSocket, to: parley) }
      }
      state.downlink.deliver(until: now) { Self.send($0, from: phoneSocket, to: phoneAddress) }
      inFlight.store(state.uplink.link.inFlightCount + state.downlink.link.inFlightCount, ordering: .relaxed)
    }
  }

  private static func send(_ packet: [UInt8], from socket: Int32, to address: sockaddr_in) {
    var address = address
    _ = packet.withUnsafeBytes { bytes in
      withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          sendto(
            socket, bytes.baseAddress, bytes.count, Int32(MSG_DONTWAIT), $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    }
  }

  private static func bind(host: String) throws(NetworkPathError) -> (socket: Int32, port: UInt16) {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard socket >= 0 else { throw NetworkPathError("socket: \(String(cString: strerror(errno)))") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    _ = inet_pton(AF_INET, host, &address.sin_addr)
    let bound = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
    }
    guard bound == 0, named == 0 else {
      let reason = String(cString: strerror(errno))
      Glibc.close(socket)
      throw NetworkPathError("bind \(host): \(reason)")
    }
    return (socket, UInt16(bigEndian: address.sin_port))
  }
}

/// Why a ``NetworkPath`` could not be made.
public struct NetworkPathError: Error, Sendable, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}
