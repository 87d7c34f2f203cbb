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
    worker.add(recorder)
    try await Task.sleep(for: .milliseconds(520))
    worker.remove(recorder)
    let ticks = recorder.ticks.withLock { $0 }
    #expect((24...28).contains(ticks.count), "\(ticks.count) ticks in 520 ms")
    // Tick k lands at first + k × 20 ms (never later by more than scheduling noise), so lateness does not add up.
    let first = try #require(ticks.first)
    for (k, time) in ticks.enumerated() {
      let lateness = time - (first + Int64(k) * 20_000)
      #expect(lateness > -1_000 && lateness < 8_000, "tick \(k) off by \(lateness) µs")
    }
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
    let serviced = recorder.services.withLock { $0.filter { $0 >= requested } }
    let firstTickAfter = recorder.ticks.withLock { $0.first { $0 >= requested } }
    let firstService = try #require(serviced.first)
    #expect(firstService - requested < 4_000)
    // It was a wake-up, not the next tick.
    #expect(firstTickAfter == nil || firstService < firstTickAfter!)

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
