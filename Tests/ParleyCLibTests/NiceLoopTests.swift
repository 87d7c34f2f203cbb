import Foundation
import Synchronization
import Testing

@testable import ParleyNice

@Suite struct NiceLoopTests {
  @Test func invokedWorkRunsOnTheLoopThreadInOrder() throws {
    let loop = NiceLoop(name: "test-net")
    let seen = Mutex<[Int]>([])
    let callerThread = Thread.current.description
    let loopThread = Mutex<String?>(nil)
    for index in 0..<100 {
      loop.invoke {
        seen.withLock { $0.append(index) }
        if index == 0 { loopThread.withLock { $0 = Thread.current.description } }
      }
    }
    // invokeAndWait runs after everything queued before it.
    let count = loop.invokeAndWait { seen.withLock { $0.count } }
    #expect(count == 100)
    #expect(seen.withLock { $0 } == Array(0..<100))
    #expect(loopThread.withLock { $0 } != callerThread)
    // Called on the loop thread itself, invokeAndWait runs inline instead of deadlocking.
    let nested = loop.invokeAndWait { loop.invokeAndWait { 42 } }
    #expect(nested == 42)
    loop.stop()
    loop.stop()  // idempotent
  }
}
