/// Decides whether a connect webhook starts a new call, across calls (whatsapp-calling.md §2.7: webhooks arrive
/// at least once and in any order, so a terminate can overtake its connect).
///
/// The server keeps its ``CallMachine``s in its own dictionary; the registry only remembers call ids: the
/// `capacity` most recently seen (connects and terminates together), the oldest forgotten first.
public struct CallRegistry: Sendable {
  /// What to do with a connect webhook.
  public enum Admission: Sendable, Equatable {
    /// A call not seen before: create its machine.
    case new
    /// Seen before (a redelivery): ignore it.
    case duplicate
    /// Its terminate arrived first: ignore it, and do not `pre_accept` a call that is already over.
    case alreadyTerminated
  }

  struct Entry: Sendable {
    /// A connect was admitted as ``Admission/new``.
    var admitted: Bool
    var terminated: Bool
    /// The position of the id's record in `order`.
    var sequence: Int
  }

  /// How many call ids are remembered.
  public let capacity: Int
  var entries: [String: Entry] = [:]
  /// Ids by first appearance, with the sequence number they were recorded under; `head` is the oldest live one.
  var order: [(id: String, sequence: Int)] = []
  var head = 0
  var nextSequence = 0

  public init(capacity: Int = 10_000) {
    self.capacity = max(1, capacity)
  }

  /// The number of call ids remembered.
  public var count: Int { entries.count }

  /// A connect webhook for `callID` arrived. `timestamp` (the webhook's, Unix seconds) is not needed to order
  /// a connect against its terminate: call ids are unique, and a call's terminate always comes after it.
  public mutating func admitConnect(callID: String, timestamp: Int64) -> Admission {
    guard let entry = entries[callID] else {
      record(callID, Entry(admitted: true, terminated: false, sequence: 0))
      return .new
    }
    return entry.admitted ? .duplicate : .alreadyTerminated
  }

  /// A terminate webhook for `callID` arrived. Returns whether its connect had been admitted; when not, the
  /// id is remembered so that a late connect is answered with ``Admission/alreadyTerminated``.
  @discardableResult
  public mutating func noteTerminate(callID: String, timestamp: Int64) -> Bool {
    guard var entry = entries[callID] else {
      record(callID, Entry(admitted: false, terminated: true, sequence: 0))
      return false
    }
    entry.terminated = true
    entries[callID] = entry
    return entry.admitted
  }

  /// Whether a terminate was seen for `callID` (among the remembered ids).
  public func isTerminated(callID: String) -> Bool {
    entries[callID]?.terminated == true
  }

  mutating func record(_ callID: String, _ entry: Entry) {
    var entry = entry
    entry.sequence = nextSequence
    nextSequence += 1
    entries[callID] = entry
    order.append((callID, entry.sequence))
    while entries.count > capacity, head < order.count {
      let oldest = order[head]
      head += 1
      if entries[oldest.id]?.sequence == oldest.sequence { entries[oldest.id] = nil }
    }
    // Compact the queue once its consumed prefix dominates.
    if head > capacity, head * 2 > order.count {
      order.removeFirst(head)
      head = 0
    }
  }
}
