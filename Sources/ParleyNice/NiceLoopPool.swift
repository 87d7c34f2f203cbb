import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The network threads: a small pool of ``NiceLoop``s (one per core by default), each on its own
/// private `GMainContext`. New legs are spread over them round-robin.
public final class NiceLoopPool: Sendable {
  public let loops: [NiceLoop]
  private let next = Atomic<Int>(0)

  /// - Parameter count: how many network threads; defaults to the number of online cores.
  public init(count: Int? = nil, name: String = "parley-net") {
    let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    let count = max(1, count ?? cores)
    loops = (0..<count).map { NiceLoop(name: "\(name)-\($0)") }
  }

  /// The loop the next leg should live on.
  public func nextLoop() -> NiceLoop {
    let index = next.add(1, ordering: .relaxed).oldValue
    return loops[index % loops.count]
  }

  /// Stops every loop and joins its thread.
  public func stop() {
    for loop in loops { loop.stop() }
  }
}
