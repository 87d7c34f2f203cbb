import ParleyCall
import Testing

@Suite struct CallRegistryTests {
  @Test func newThenDuplicate() {
    var registry = CallRegistry()
    #expect(registry.admitConnect(callID: "a", timestamp: 1) == .new)
    #expect(registry.admitConnect(callID: "a", timestamp: 1) == .duplicate)
    let known = registry.noteTerminate(callID: "a", timestamp: 2)
    #expect(known)
    #expect(registry.admitConnect(callID: "a", timestamp: 1) == .duplicate)
    #expect(registry.isTerminated(callID: "a"))
  }

  @Test func terminateBeforeConnect() {
    var registry = CallRegistry()
    let known = registry.noteTerminate(callID: "b", timestamp: 5)
    #expect(!known)
    #expect(registry.admitConnect(callID: "b", timestamp: 5) == .alreadyTerminated)
    #expect(registry.admitConnect(callID: "b", timestamp: 5) == .alreadyTerminated)
    #expect(registry.admitConnect(callID: "c", timestamp: 5) == .new)
  }

  @Test func tombstonesAreBounded() {
    var registry = CallRegistry(capacity: 100)
    for index in 0..<1_000 { registry.noteTerminate(callID: "t\(index)", timestamp: Int64(index)) }
    #expect(registry.count == 100)
    #expect(registry.admitConnect(callID: "t999", timestamp: 0) == .alreadyTerminated)
    #expect(registry.admitConnect(callID: "t0", timestamp: 0) == .new)  // forgotten
    #expect(registry.count == 100)
  }

  @Test func defaultCapacity() {
    var registry = CallRegistry()
    #expect(registry.capacity == 10_000)
    for index in 0..<25_000 { _ = registry.admitConnect(callID: "c\(index)", timestamp: 0) }
    #expect(registry.count == 10_000)
    #expect(registry.admitConnect(callID: "c24999", timestamp: 0) == .duplicate)
    #expect(registry.admitConnect(callID: "c14999", timestamp: 0) == .new)
  }
}
