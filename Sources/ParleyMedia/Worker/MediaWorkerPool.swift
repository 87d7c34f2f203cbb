import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The media threads: one ``MediaWorker`` per core by default. A leg or room is assigned to a worker
/// when it is created and stays there (it owns its state outright; no migration, no locks).
public final class MediaWorkerPool: Sendable {
  public let workers: [MediaWorker]
  private let next = Atomic<Int>(0)

  public init(count: Int? = nil, name: String = "parley-media") {
    let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    workers = (0..<max(1, count ?? cores)).map { MediaWorker(name: "\(name)-\($0)") }
  }

  /// The worker the next leg or room should live on (round-robin).
  public func nextWorker() -> MediaWorker {
    workers[next.add(1, ordering: .relaxed).oldValue % workers.count]
  }

  public func stop() {
    for worker in workers { worker.stop() }
  }
}
