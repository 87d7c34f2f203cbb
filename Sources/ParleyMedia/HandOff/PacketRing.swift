import Synchronization

/// A bounded single-producer/single-consumer queue of datagrams that never blocks and never allocates after `init`:
/// a leg's network thread (the producer, in its receive callback) hands datagrams to the leg's media worker
/// (the consumer). When the ring is full the producer drops the *oldest* waiting datagram, so a stalled worker
/// costs old audio, never the network thread's time.
///
/// ## How it works
///
/// The ring owns `capacity + 1` fixed-size *buffers* (one datagram each, with its length and arrival time) and
/// moves buffer numbers, not bytes, through two index queues:
///
/// - the **waiting** queue (`head..<tail`): buffers holding datagrams, oldest first;
/// - the **free** queue: buffers the consumer has finished with, on their way back to the producer.
///
/// A buffer is always in exactly one place: free, waiting, held by the producer while it copies a datagram in,
/// or held by the consumer while `pop`'s closure reads it. Nobody ever writes a buffer someone else holds, so the
/// closure reads a stable datagram however long it takes.
///
/// **Push** (producer): if fewer than `capacity` datagrams wait, take a buffer from the free queue (conservation
/// of the `capacity + 1` buffers guarantees one is there); otherwise *steal* the oldest waiting buffer by
/// compare-exchanging `head` from `h` to `h + 1` and count a drop. Copy the datagram in, write the buffer number
/// at position `tail`, publish `tail + 1`.
///
/// **Pop** (consumer): read the buffer number at position `head`, then *claim* it by compare-exchanging `head`
/// from `h` to `h + 1`. Producer and consumer race for the oldest datagram on the same compare-exchange and
/// exactly one wins: the loser reloads `head` and retries (the producer then finds room, the consumer the next
/// datagram). `head` only grows (64-bit counters), so there is no ABA. After the closure returns, the consumer
/// puts the buffer on the free queue.
///
/// ## Memory orderings
///
/// - `tail`: stored **releasing** by the producer, loaded **acquiring** by the consumer. The datagram bytes,
///   length, arrival time and the buffer number at a position happen-before the consumer reads them.
/// - `freeTail`: stored **releasing** by the consumer, loaded **acquiring** by the producer. The closure's reads of
///   a buffer happen-before the producer overwrites it with a later datagram.
/// - `head`, consumer claim succeeding: **releasing**. Its load of the entry at position `h` and the buffers it
///   returned earlier happen-before any producer that observes the new `head`: the producer may then reuse that
///   position (for index `h + 2 × capacity`) and knows those buffers are on the free queue (see `push`).
/// - `head`, producer loads and compare-exchanges: **acquiring**, the other side of the previous point; a steal
///   that succeeds is also **releasing**, so a consumer that sees the stolen `head` also sees the `tail` published
///   before it (else it could read the entry of an index beyond the `tail` it loaded).
/// - `head`, consumer load and failed claim: **acquiring**, the other side of the steal's release.
/// - Every write to `head` is a read-modify-write, so an acquiring read synchronizes with every earlier releasing
///   write to it (release sequences run through read-modify-writes).
/// - The entries of both index queues are atomics accessed **relaxed**: the operations above order them. A consumer
///   may read an entry the producer is rewriting for a later lap, but its claim of that index then fails and the
///   value is discarded; being atomic, that race is defined.
/// - The drop counters are written by the producer only and read **relaxed**: they are statistics.
///
/// Positions are indices modulo `2 × capacity`, which is at least the number of buffers: the producer writes
/// position `t` only when fewer than `capacity` datagrams wait, so index `t − 2 × capacity` has been claimed or
/// stolen already.
///
/// ## Why `@unchecked Sendable` is sound
///
/// The class is shared by exactly two threads with disjoint roles: ``push(_:arrival:)`` on one producer thread,
/// ``pop(_:)`` on one consumer thread (each role may move between threads only with a happens-before hand-over,
/// such as a lock or a thread start). Every location both sides touch is an `Atomic`; the buffers themselves are
/// owned by one side at a time, as shown above; the producer-only and consumer-only plain fields are touched by
/// their side only. The counters and ``isEmpty`` may be read from any thread.
public final class PacketRing: @unchecked Sendable {
  /// The most datagrams that wait at once (a power of two).
  public let capacity: Int
  /// The largest datagram a buffer holds, in bytes.
  public let slotSize: Int

  /// `capacity + 1` buffers of `stride` bytes: length (`Int`), arrival (`Int64`), then the datagram.
  private let buffers: UnsafeMutableRawPointer
  private let stride: Int
  /// Waiting queue entries: buffer numbers, `positionMask + 1` of them.
  private let waiting: UnsafeMutablePointer<Atomic<Int>>
  /// Free queue entries: buffer numbers, `positionMask + 1` of them.
  private let free: UnsafeMutablePointer<Atomic<Int>>
  private let positionMask: Int
  /// The shared indices and counters, each group on a cache line of its own (see ``Line``).
  private let shared: UnsafeMutablePointer<Atomic<Int>>

  // Producer only.
  private var freeHead = 0
  // Consumer only.
  private var isReading = false

  private static let headerSize = 16
  private static let lineInts = 16  // 128 bytes: a cache line on every machine Parley targets, and then some

  /// Atomics in `shared`, spaced a line apart: written by the producer (tail, counters), by both (head), by the
  /// consumer (freeTail).
  private enum Line: Int {
    case tail = 0
    case droppedOldest = 1
    case droppedOversize = 2
    case head = 16
    case freeTail = 32
    static let total = 48
  }

  /// - Parameters:
  ///   - capacity: the most datagrams that wait at once; rounded up to a power of two, at least 2.
  ///   - slotSize: the largest datagram accepted, in bytes (larger ones are dropped and counted).
  public init(capacity: Int, slotSize: Int = 1500) {
    precondition(capacity > 0 && capacity <= 1 << 24, "capacity must be in 1...16777216")
    precondition(slotSize > 0, "slotSize must be positive")
    var rounded = 2
    while rounded < capacity { rounded <<= 1 }
    self.capacity = rounded
    self.slotSize = slotSize
    let bufferCount = rounded + 1
    stride = (Self.headerSize + slotSize + 63) & ~63
    buffers = UnsafeMutableRawPointer.allocate(byteCount: stride * bufferCount, alignment: 64)
    buffers.initializeMemory(as: UInt8.self, repeating: 0, count: stride * bufferCount)
    let positions = 2 * rounded
    positionMask = positions - 1
    waiting = .allocate(capacity: positions)
    free = .allocate(capacity: positions)
    for position in 0..<positions {
      (waiting + position).initialize(to: Atomic(0))
      // Every buffer starts free: entries 0..<bufferCount of the free queue.
      (free + position).initialize(to: Atomic(position < bufferCount ? position : 0))
    }
    shared = .allocate(capacity: Line.total)
    for index in 0..<Line.total { (shared + index).initialize(to: Atomic(0)) }
    shared[Line.freeTail.rawValue].store(bufferCount, ordering: .relaxed)
  }

  deinit {
    let positions = positionMask + 1
    waiting.deinitialize(count: positions)
    waiting.deallocate()
    free.deinitialize(count: positions)
    free.deallocate()
    shared.deinitialize(count: Line.total)
    shared.deallocate()
    buffers.deallocate()
  }

  /// Datagrams dropped because the ring was full (the oldest waiting one made room).
  public var droppedOldest: Int { shared[Line.droppedOldest.rawValue].load(ordering: .relaxed) }
  /// Datagrams dropped because they were larger than ``slotSize``.
  public var droppedOversize: Int { shared[Line.droppedOversize.rawValue].load(ordering: .relaxed) }
  /// Whether no datagram waits (a snapshot: the other side may change it at once).
  public var isEmpty: Bool {
    let head = shared[Line.head.rawValue].load(ordering: .acquiring)
    return shared[Line.tail.rawValue].load(ordering: .acquiring) == head
  }

  /// Producer only. Copies `datagram` and its arrival time (microseconds) into the ring; drops the oldest waiting
  /// datagram when full. Returns `false` when the datagram is larger than ``slotSize`` (dropped and counted).
  /// Never blocks, never allocates.
  @discardableResult
  public func push(_ datagram: UnsafeRawBufferPointer, arrival: Int64) -> Bool {
    guard datagram.count <= slotSize else {
      increment(.droppedOversize)
      return false
    }
    let tail = shared[Line.tail.rawValue].load(ordering: .relaxed)  // only the producer writes it
    var head = shared[Line.head.rawValue].load(ordering: .acquiring)
    let buffer: Int
    while true {
      if tail - head < capacity {
        // Room. Buffers are free, waiting (tail - head of them) or held by the consumer (at most one whose return
        // this thread may not see yet; every earlier return happened-before a claim this thread has acquired).
        // capacity + 1 - (tail - head) - 1 >= 1, so a free buffer is visible.
        buffer = takeFreeBuffer()
        break
      }
      // Full: steal the oldest. Only the producer writes `waiting`, so this relaxed load sees index `head`'s entry.
      let oldest = waiting[head & positionMask].load(ordering: .relaxed)
      let (stolen, current) = shared[Line.head.rawValue].compareExchange(
        expected: head, desired: head + 1, successOrdering: .acquiringAndReleasing, failureOrdering: .acquiring)
      if stolen {
        buffer = oldest
        increment(.droppedOldest)
        break
      }
      head = current  // the consumer claimed it first: there is room now
    }
    let base = buffers + buffer * stride
    base.storeBytes(of: datagram.count, as: Int.self)
    base.storeBytes(of: arrival, toByteOffset: 8, as: Int64.self)
    if let source = datagram.baseAddress, datagram.count > 0 {
      (base + Self.headerSize).copyMemory(from: source, byteCount: datagram.count)
    }
    waiting[tail & positionMask].store(buffer, ordering: .relaxed)
    shared[Line.tail.rawValue].store(tail + 1, ordering: .releasing)
    return true
  }

  /// Consumer only. Calls `body` with the oldest waiting datagram and its arrival time, then frees its buffer;
  /// returns `nil` without calling `body` when the ring is empty. The bytes are valid only inside `body`, which
  /// must not call `pop` itself. Never blocks, never allocates.
  public func pop<R>(_ body: (UnsafeRawBufferPointer, Int64) throws -> R) rethrows -> R? {
    precondition(!isReading, "PacketRing.pop called from inside its own closure")
    var head = shared[Line.head.rawValue].load(ordering: .acquiring)
    let buffer: Int
    while true {
      let tail = shared[Line.tail.rawValue].load(ordering: .acquiring)
      if head == tail { return nil }
      let candidate = waiting[head & positionMask].load(ordering: .relaxed)
      let (claimed, current) = shared[Line.head.rawValue].compareExchange(
        expected: head, desired: head + 1, successOrdering: .releasing, failureOrdering: .acquiring)
      if claimed {
        buffer = candidate
        break
      }
      head = current  // the producer stole it: try the next one
    }
    isReading = true
    defer {
      isReading = false
      returnFreeBuffer(buffer)
    }
    let base = UnsafeRawPointer(buffers + buffer * stride)
    let length = base.load(as: Int.self)
    let arrival = base.load(fromByteOffset: 8, as: Int64.self)
    return try body(UnsafeRawBufferPointer(start: base + Self.headerSize, count: length), arrival)
  }

  /// Producer only: the next buffer of the free queue, which `push` has shown is not empty.
  private func takeFreeBuffer() -> Int {
    let freeTail = shared[Line.freeTail.rawValue].load(ordering: .acquiring)
    precondition(freeTail > freeHead, "PacketRing: no free buffer although the ring is not full")
    let buffer = free[freeHead & positionMask].load(ordering: .relaxed)
    freeHead += 1
    return buffer
  }

  /// Consumer only. The free queue never holds more than `capacity + 1` entries, so it cannot overflow.
  private func returnFreeBuffer(_ buffer: Int) {
    let freeTail = shared[Line.freeTail.rawValue].load(ordering: .relaxed)  // only the consumer writes it
    free[freeTail & positionMask].store(buffer, ordering: .relaxed)
    shared[Line.freeTail.rawValue].store(freeTail + 1, ordering: .releasing)
  }

  /// Producer only: counters have a single writer, so a load and a store suffice.
  private func increment(_ counter: Line) {
    let value = shared[counter.rawValue].load(ordering: .relaxed)
    shared[counter.rawValue].store(value + 1, ordering: .relaxed)
  }
}
