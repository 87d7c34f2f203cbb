import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One media thread: owns its tasks (legs, rooms) outright and ticks them every 20 ms on absolute
/// deadlines of the monotonic clock (tick k runs at start + k × 20 ms, so ticks never drift).
///
/// A worker with no tasks sleeps without a timeout: no wake-ups while idle. ``wake()`` (from a
/// network thread, e.g. when a DTLS datagram arrives) runs every task's `service` at once, so call
/// setup never waits for a tick. Adding and removing tasks goes through a small locked queue that
/// the worker checks only when an atomic flag says it changed: the media path itself takes no lock.
public final class MediaWorker: @unchecked Sendable {
  public let name: String
  public let tickMicroseconds: Int64
  private let wakeUp = DispatchSemaphore(value: 0)
  private let pending = Mutex<[Change]>([])
  private let hasPending = Atomic<Bool>(false)
  private let running = Atomic<Bool>(true)
  private let stopped = DispatchSemaphore(value: 0)
  /// Loop statistics, readable from any thread.
  private let wakeUps = Atomic<Int>(0)
  private let ticks = Atomic<Int>(0)
  private let lateTicks = Atomic<Int>(0)

  // Owned by the worker thread.
  private var tasks: [ObjectIdentifier: any MediaTask] = [:]
  private var nextTick: Int64 = 0
  private var lastService: Int64 = 0

  private enum Change {
    case add(TaskBox)
    case remove(ObjectIdentifier, DispatchSemaphore?)
  }

  public init(name: String = "parley-media", tickMicroseconds: Int64 = 20_000) {
    self.name = name
    self.tickMicroseconds = tickMicroseconds
    let thread = Thread { [self] in run() }
    thread.name = name
    thread.start()
  }

  /// Hands `task` to the worker; from then on only the worker thread touches it.
  public func add(_ task: sending some MediaTask) {
    let box = TaskBox(task)
    pending.withLock { $0.append(.add(box)) }
    hasPending.store(true, ordering: .releasing)
    wake()
  }

  /// Takes `task` off the worker and waits until the worker no longer touches it.
  public func remove(_ task: some MediaTask) {
    let done = DispatchSemaphore(value: 0)
    pending.withLock { $0.append(.remove(ObjectIdentifier(task), done)) }
    hasPending.store(true, ordering: .releasing)
    wake()
    done.wait()
  }

  /// Makes the worker service its tasks now (thread-safe, cheap: one semaphore signal).
  public func wake() { wakeUp.signal() }

  /// Stops the thread after its current iteration and waits for it.
  public func stop() {
    guard running.exchange(false, ordering: .acquiringAndReleasing) else { return }
    wake()
    stopped.wait()
  }

  public var statistics: (wakeUps: Int, ticks: Int, lateTicks: Int) {
    (wakeUps.load(ordering: .relaxed), ticks.load(ordering: .relaxed), lateTicks.load(ordering: .relaxed))
  }

  private func run() {
    defer { stopped.signal() }
    // Named from inside (Foundation's Thread.name does not reach the kernel here): `top -H`, /proc and
    // `parley bench` tell the workers apart by it (15 characters at most).
    #if canImport(Glibc)
      if let comm = fopen("/proc/thread-self/comm", "w") {
        fputs(String(name.prefix(15)), comm)
        fclose(comm)
      }
    #endif
    while running.load(ordering: .acquiring) {
      if tasks.isEmpty {
        wakeUp.wait()  // idle: sleep until a task or a stop arrives
      } else {
        // A deadline already served (at or before the last service) does not count: no busy loop on a
        // task that has not cleared its deadline yet.
        let deadline = tasks.values.reduce(nextTick) { earliest, task in
          guard let due = task.nextDeadline, due > lastService else { return earliest }
          return min(earliest, due)
        }
        let wait = deadline - MonotonicClock.now()
        if wait > 0 { _ = wakeUp.wait(timeout: .now() + .microseconds(Int(wait))) }
      }
      wakeUps.add(1, ordering: .relaxed)
      if hasPending.load(ordering: .acquiring) { applyChanges() }
      guard !tasks.isEmpty else { continue }
      let now = MonotonicClock.now()
      lastService = now
      for task in tasks.values { task.service(now: now) }
      if now >= nextTick {
        for task in tasks.values { task.tick(now: now) }
        ticks.add(1, ordering: .relaxed)
        nextTick += tickMicroseconds
        if now - nextTick >= tickMicroseconds {
          // More than a whole tick behind (the machine stalled): skip ahead instead of bursting.
          lateTicks.add(1, ordering: .relaxed)
          nextTick = now + tickMicroseconds
        }
      }
    }
    tasks.removeAll()
  }

  private func applyChanges() {
    hasPending.store(false, ordering: .releasing)
    let changes = pending.withLock { changes in
      defer { changes.removeAll(keepingCapacity: true) }
      return changes
    }
    for change in changes {
      switch change {
      case .add(let box):
        if tasks.isEmpty { nextTick = MonotonicClock.now() }
        tasks[ObjectIdentifier(box.task)] = box.task
      case .remove(let id, let done):
        tasks[id] = nil
        done?.signal()
      }
    }
  }
}

/// Carries a task to the worker thread; after `add` only that thread uses it.
private final class TaskBox: @unchecked Sendable {
  let task: any MediaTask
  init(_ task: any MediaTask) { self.task = task }
}
