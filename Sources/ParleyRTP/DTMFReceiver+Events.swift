extension DTMFReceiver {
  /// The events one packet produced, in order: at most the previous digit's end, the new digit's beginning and
  /// its end. A value type with inline storage: receiving allocates nothing.
  public struct Events: RandomAccessCollection, Hashable, Sendable {
    private var first: Event?
    private var second: Event?
    private var third: Event?
    public private(set) var endIndex = 0

    public init() {}

    public var startIndex: Int { 0 }

    public subscript(position: Int) -> Event {
      precondition(position >= 0 && position < endIndex, "DTMFReceiver.Events index out of range")
      switch position {
      case 0: return first!
      case 1: return second!
      default: return third!
      }
    }

    mutating func append(_ event: Event) {
      switch endIndex {
      case 0: first = event
      case 1: second = event
      case 2: third = event
      default: preconditionFailure("a packet produces at most three DTMF events")
      }
      endIndex += 1
    }
  }
}
