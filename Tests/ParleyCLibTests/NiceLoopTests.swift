import Foundation
import Synchronization
import Testing

@testable import ParleyNice

@Suite struct NiceLoopTests {
  @Test func invokedWorkRunsOnTheLoopThreadInOrder() async throws {
    let loop = NiceLoop(name: "test-net")
    let seen = Mutex<[Int]>([])
    let callerThread = Thread.current.description
    let loopThread = Mutex<String?>(nil)
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
      for index in 0..<100 {
        loop.invoke {
          seen.withLock { $0.append(index) }
          if index == 0 { loopThread.withLock { $0 = Thread.current.description } }
          if index == 99 { done.resume() }
        }
      }
    }
    #expect(seen.withLock { $0 } == Array(0..<100))
    #expect(loopThread.withLock { $0 } != callerThread)
    loop.stop()
    loop.stop()  // idempotent
  }
}
