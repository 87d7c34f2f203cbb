import ParleyMedia
public import ParleyTesting
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A user-space network between emulated phones and Parley, like netem on a veth pair but without
/// privileges: for each phone a ``NetworkPath``, a UDP relay on the phone's own loopback address that the
/// phone announces in its SDP instead of its real port. Everything either side sends passes through it:
/// STUN, DTLS, SRTP, SRTCP.
///
/// Each direction is a ``VirtualLink`` (ParleyTesting: seeded loss, Gilbert burst loss, jitter with
/// reordering, duplication) driven in real time by one relay thread named `sandbox-relay` (the load
/// generator's, apart from Parley's threads in `/proc`). A path starts clean (no added delay) and its
/// conditions can change while the call runs (``NetworkPath/setUplink(_:)``): a burst of loss and jitter,
/// then clean again. IPv4 only.
public final class NetworkEmulator: Sendable {
  private let paths = Mutex<[NetworkPath]>([])
  private let running = Atomic<Bool>(true)
  /// Whether ``stop()`` was called, and the relay thread once started: changed together, under one lock.
  private let control = Mutex<(stopped: Bool, thread: pthread_t?)>((false, nil))
  private let seeds = Atomic<UInt64>(1)

  public init() {}

  /// A relay in front of the phone socket at `host:port` (IPv4 literal), on the same host: the phone
  /// announces ``NetworkPath/port`` instead of its own. Both directions start clean.
  public func path(toPhoneAt host: String, port: UInt16) throws -> NetworkPath {
    let seed = seeds.add(1, ordering: .relaxed).newValue
    let path = try NetworkPath(host: host, phonePort: port, seed: seed)
    let accepted = control.withLock { control in
      guard !control.stopped else { return false }
      paths.withLock { $0.append(path) }
      if control.thread == nil { control.thread = startThread() }
      return true
    }
    guard accepted else {
      path.releaseSockets()
      throw NetworkPathError("the network emulator was stopped")
    }
    return path
  }

  /// Stops the relay thread and closes every path. Call it when done: the thread holds the emulator.
  public func stop() {
    let thread = control.withLock { control -> pthread_t? in
      guard !control.stopped else { return nil }
      control.stopped = true
      running.store(false, ordering: .releasing)
      return control.thread
    }
    if let thread { pthread_join(thread, nil) }
    for path in paths.withLock({ $0 }) { path.releaseSockets() }
  }

  /// Starts the relay thread (under `control`'s lock); nil if it could not be made.
  private func startThread() -> pthread_t? {
    let box = Unmanaged.passRetained(self)
    var handle = pthread_t()
    let result = pthread_create(
      &handle, nil,
      { raw in
        let emulator = Unmanaged<NetworkEmulator>.fromOpaque(raw!).takeRetainedValue()
        if let comm = fopen("/proc/thread-self/comm", "w") {  // the thread's name in /proc and top
          fputs("sandbox-relay", comm)
          fclose(comm)
        }
        emulator.relay()
        return nil
      }, box.toOpaque())
    guard result == 0 else {
      box.release()
      return nil
    }
    return handle
  }

  /// The relay loop: wait for datagrams (at most 1 ms while packets are in flight), move them into their
  /// links, hand over what is due.
  private func relay() {
    var descriptors: [pollfd] = []
    while running.load(ordering: .acquiring) {
      let live = paths.withLock { paths in
        for path in paths where path.isClosed { path.releaseSockets() }
        paths.removeAll { $0.isClosed }
        return paths
      }
      descriptors.removeAll(keepingCapacity: true)
      var waiting = false
      for path in live {
        descriptors.append(pollfd(fd: path.publicSocket, events: Int16(POLLIN), revents: 0))
        descriptors.append(pollfd(fd: path.phoneSocket, events: Int16(POLLIN), revents: 0))
        waiting = waiting || path.hasPacketsInFlight
      }
      _ = poll(&descriptors, nfds_t(descriptors.count), waiting ? 1 : 20)
      let now = MonotonicClock.now()
      for path in live {
        path.receive(now: now)
        path.deliver(now: MonotonicClock.now())
      }
    }
  }
}
