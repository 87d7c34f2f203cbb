import Foundation
import ParleyMedia
import Synchronization
import Testing

@Suite struct MediaWorkerTests {
  /// Records when the worker called it.
  final class Recorder: MediaTask, @unchecked Sendable {
    let ticks = Mutex<[Int64]>([])
    let services = Mutex<[Int64]>([])
    let deadline = Mutex<Int64?>(nil)
    func service(now: Int64) { services.withLock { $0.append(now) } }
    func tick(now: Int64) { ticks.withLock { $0.append(now) } }
    var nextDeadline: Int64? { deadline.withLock { $0 } }
  }

  @Test func ticksFollowAbsoluteDeadlinesWithoutDrift() async throws {
    let worker = MediaWorker(name: "test-ticks")
    let recorder = Recorder()
    let started = MonotonicClock.now()
    worker.add(recorder)
    try await Task.sleep(for: .milliseconds(520))
    worker.remove(recorder)
    let elapsed = MonotonicClock.now() - started  // the sleep may overrun on a busy machine
    let ticks = recorder.ticks.withLock { $0 }
    let expected = Int(elapsed / 20_000)
    #expect(abs(ticks.count - expected) <= 2, "\(ticks.count) ticks in \(elapsed) µs")
    // Tick k is due at first + k × 20 ms. On a loaded machine a tick can run late, but lateness must
    // not add up (no drift): the typical tick is on time and the last ones are no later than the rest.
    let first = try #require(ticks.first)
    let lateness = ticks.enumerated().map { k, time in time - (first + Int64(k) * 20_000) }
    #expect(lateness.allSatisfy { $0 > -1_000 }, "a tick ran early: \(lateness)")
    let median = lateness.sorted()[lateness.count / 2]
    #expect(median < 4_000, "median lateness \(median) µs")
    let tail = lateness.suffix(5).sorted()[2]
    #expect(tail < 8_000, "the last ticks run \(tail) µs late: the schedule drifts")
    worker.stop()
  }

  @Test func anIdleWorkerDoesNotWakeUp() async throws {
    let worker = MediaWorker(name: "test-idle")
    try await Task.sleep(for: .milliseconds(30))
    let before = worker.statistics.wakeUps
    try await Task.sleep(for: .milliseconds(200))
    #expect(worker.statistics.wakeUps == before)
    worker.stop()
  }

  @Test func wakeServicesTasksAtOnceAndRemovedTasksAreLeftAlone() async throws {
    let worker = MediaWorker(name: "test-wake")
    let recorder = Recorder()
    worker.add(recorder)
    try await Task.sleep(for: .milliseconds(50))
    let requested = MonotonicClock.now()
    worker.wake()
    try await Task.sleep(for: .milliseconds(5))
    let firstService = try #require(recorder.services.withLock { $0.first { $0 >= requested } })
    #expect(firstService - requested < 20_000, "serviced \(firstService - requested) µs after the wake-up")
    // Wake-ups between ticks service the task without ticking it.
    let before = (recorder.services.withLock { $0.count }, recorder.ticks.withLock { $0.count })
    for _ in 0..<10 {
      worker.wake()
      try await Task.sleep(for: .milliseconds(3))
    }
    let services = recorder.services.withLock { $0.count } - before.0
    let ticks = recorder.ticks.withLock { $0.count } - before.1
    #expect(services >= ticks + 5, "\(services) services, \(ticks) ticks")

    worker.remove(recorder)
    let count = recorder.services.withLock { $0.count }
    try await Task.sleep(for: .milliseconds(60))
    #expect(recorder.services.withLock { $0.count } == count)
    worker.stop()
  }

  @Test func aTaskDeadlineWakesTheWorkerBetweenTicks() async throws {
    let worker = MediaWorker(name: "test-deadline")
    let recorder = Recorder()
    worker.add(recorder)
    try await Task.sleep(for: .milliseconds(45))
    let target = MonotonicClock.now() + 7_000
    recorder.deadline.withLock { $0 = target }
    worker.wake()
    try await Task.sleep(for: .milliseconds(25))
    let near = recorder.services.withLock { $0.filter { $0 >= target && $0 < target + 3_000 } }
    #expect(!near.isEmpty)
    worker.remove(recorder)
    worker.stop()
  }
}
