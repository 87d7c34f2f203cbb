/// The packet store (NetEq's `PacketBuffer`): a fixed number of slots, each payload copied into one
/// buffer allocated at init. Storing, finding and removing a packet allocate nothing.
///
/// Packets are keyed by their unwrapped RTP timestamp. The buffer is small (tens of slots), so lookups
/// scan the slot headers: no index to keep consistent, no allocation, a few hundred nanoseconds.
final class PacketBuffer {
  struct Header {
    /// The unwrapped RTP timestamp.
    var timestamp: Int64 = 0
    /// The unwrapped sequence number.
    var sequence: Int64 = 0
    var rtpTimestamp: UInt32 = 0
    var rtpSequenceNumber: UInt16 = 0
    var length = 0
    /// When the packet arrived (µs).
    var arrival: Int64 = 0
    /// Counts the packets the slot has held, so a stale ``PacketSlot`` is recognised.
    var generation: UInt32 = 0
    var isOccupied = false
  }

  let capacity: Int
  let slotSize: Int
  /// The number of packets held.
  private(set) var count = 0
  private let headers: UnsafeMutablePointer<Header>
  private let storage: UnsafeMutableRawPointer
  /// Where the search for a free slot starts: just after the last slot filled, so a slot just let go of
  /// is the last to be reused.
  private var cursor = 0

  init(capacity: Int, slotSize: Int) {
    precondition(capacity > 0 && slotSize > 0)
    self.capacity = capacity
    self.slotSize = slotSize
    headers = .allocate(capacity: capacity)
    headers.initialize(repeating: Header(), count: capacity)
    storage = .allocate(byteCount: capacity * slotSize, alignment: 16)
  }

  deinit {
    headers.deinitialize(count: capacity)
    headers.deallocate()
    storage.deallocate()
  }

  var isFull: Bool { count == capacity }

  func header(_ index: Int) -> Header { headers[index] }

  /// Copies a packet into a free slot and returns the slot's index. The buffer must not be full.
  func store(
    timestamp: Int64, sequence: Int64, rtpTimestamp: UInt32, rtpSequenceNumber: UInt16, arrival: Int64,
    payload: UnsafeRawBufferPointer
  ) -> Int {
    precondition(count < capacity && payload.count <= slotSize)
    var index = cursor
    while headers[index].isOccupied { index = index + 1 == capacity ? 0 : index + 1 }
    cursor = index + 1 == capacity ? 0 : index + 1
    let destination = storage + index * slotSize
    if let source = payload.baseAddress, payload.count > 0 {
      destination.copyMemory(from: source, byteCount: payload.count)
    }
    headers[index].timestamp = timestamp
    headers[index].sequence = sequence
    headers[index].rtpTimestamp = rtpTimestamp
    headers[index].rtpSequenceNumber = rtpSequenceNumber
    headers[index].length = payload.count
    headers[index].arrival = arrival
    headers[index].generation &+= 1
    headers[index].isOccupied = true
    count += 1
    return index
  }

  /// Lets go of a packet. Its bytes stay readable until the slot is filled again.
  func remove(_ index: Int) {
    precondition(headers[index].isOccupied)
    headers[index].isOccupied = false
    count -= 1
  }

  func removeAll() {
    for index in 0..<capacity { headers[index].isOccupied = false }
    count = 0
  }

  /// The held packet with the smallest timestamp at or after `timestamp`.
  func oldest(atOrAfter timestamp: Int64 = .min) -> Int? {
    guard count > 0 else { return nil }
    var best: Int?
    var bestTimestamp = Int64.max
    for index in 0..<capacity where headers[index].isOccupied {
      let candidate = headers[index].timestamp
      if candidate >= timestamp && candidate < bestTimestamp {
        best = index
        bestTimestamp = candidate
      }
    }
    return best
  }

  /// The held packet with the largest timestamp.
  func newest() -> Int? {
    guard count > 0 else { return nil }
    var best: Int?
    var bestTimestamp = Int64.min
    for index in 0..<capacity where headers[index].isOccupied && headers[index].timestamp >= bestTimestamp {
      best = index
      bestTimestamp = headers[index].timestamp
    }
    return best
  }

  /// Whether a packet with this timestamp is held.
  func contains(timestamp: Int64) -> Bool {
    guard count > 0 else { return false }
    for index in 0..<capacity where headers[index].isOccupied && headers[index].timestamp == timestamp {
      return true
    }
    return false
  }

  /// Removes the packets older than `timestamp` and returns how many there were.
  func removeAll(before timestamp: Int64) -> Int {
    guard count > 0 else { return 0 }
    var removed = 0
    for index in 0..<capacity where headers[index].isOccupied && headers[index].timestamp < timestamp {
      remove(index)
      removed += 1
    }
    return removed
  }

  /// The public name of a held packet.
  func slot(_ index: Int) -> PacketSlot {
    let header = headers[index]
    return PacketSlot(
      sequenceNumber: header.rtpSequenceNumber, timestamp: header.rtpTimestamp, length: header.length,
      arrival: header.arrival, index: index, generation: header.generation)
  }

  func withPayload<R>(_ slot: PacketSlot, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    precondition(
      slot.index >= 0 && slot.index < capacity && headers[slot.index].generation == slot.generation,
      "PacketSlot used after its slot was reused")
    return try body(UnsafeRawBufferPointer(start: storage + slot.index * slotSize, count: headers[slot.index].length))
  }
}
