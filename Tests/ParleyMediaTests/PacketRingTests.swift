import Foundation
import ParleyMedia
import Testing

@Suite struct PacketRingTests {
  /// Pushes `bytes` with `arrival`.
  @discardableResult
  static func push(_ ring: PacketRing, _ bytes: [UInt8], arrival: Int64) -> Bool {
    bytes.withUnsafeBytes { ring.push($0, arrival: arrival) }
  }

  /// Pops one datagram as bytes and arrival.
  static func pop(_ ring: PacketRing) -> ([UInt8], Int64)? {
    ring.pop { bytes, arrival in (Array(bytes), arrival) }
  }

  @Test func capacityIsRoundedUpToAPowerOfTwo() {
    #expect(PacketRing(capacity: 1).capacity == 2)
    #expect(PacketRing(capacity: 4).capacity == 4)
    #expect(PacketRing(capacity: 5).capacity == 8)
    #expect(PacketRing(capacity: 1000, slotSize: 64).capacity == 1024)
  }

  @Test func firstInFirstOut() throws {
    let ring = PacketRing(capacity: 8)
    #expect(ring.isEmpty)
    #expect(Self.pop(ring) == nil)
    Self.push(ring, [1, 2, 3], arrival: 10)
    Self.push(ring, [], arrival: 20)
    Self.push(ring, [4], arrival: 30)
    #expect(!ring.isEmpty)
    let first = try #require(Self.pop(ring))
    #expect(first.0 == [1, 2, 3] && first.1 == 10)
    let second = try #require(Self.pop(ring))
    #expect(second.0 == [] && second.1 == 20)
    Self.push(ring, [5, 6], arrival: 40)
    let third = try #require(Self.pop(ring))
    #expect(third.0 == [4] && third.1 == 30)
    let fourth = try #require(Self.pop(ring))
    #expect(fourth.0 == [5, 6] && fourth.1 == 40)
    #expect(Self.pop(ring) == nil)
    #expect(ring.isEmpty)
    #expect(ring.droppedOldest == 0 && ring.droppedOversize == 0)
  }

  @Test func manyLapsKeepOrder() throws {
    let ring = PacketRing(capacity: 4, slotSize: 16)
    for value in 0..<1000 {
      Self.push(ring, [UInt8(truncatingIfNeeded: value)], arrival: Int64(value))
      if value % 3 == 2 {
        // Drain in bursts so the indices wrap the positions many times at varying fill levels.
        while let (bytes, arrival) = Self.pop(ring) { #expect(bytes == [UInt8(truncatingIfNeeded: arrival)]) }
      }
    }
    #expect(ring.droppedOldest == 0)
  }

  @Test func overflowDropsTheOldestAndCountsExactly() throws {
    let ring = PacketRing(capacity: 3)  // rounded to 4
    for value in 1...10 { Self.push(ring, [UInt8(value)], arrival: Int64(value)) }
    #expect(ring.droppedOldest == 6)
    var popped: [UInt8] = []
    while let (bytes, _) = Self.pop(ring) { popped += bytes }
    #expect(popped == [7, 8, 9, 10])
    // Room again: nothing more is dropped.
    for value in 11...14 { Self.push(ring, [UInt8(value)], arrival: Int64(value)) }
    #expect(ring.droppedOldest == 6)
    Self.push(ring, [15], arrival: 15)
    #expect(ring.droppedOldest == 7)
    #expect(Self.pop(ring)?.0 == [12])
  }

  @Test func oversizeDatagramsAreRejectedAndCounted() throws {
    let ring = PacketRing(capacity: 2, slotSize: 100)
    #expect(!Self.push(ring, [UInt8](repeating: 1, count: 101), arrival: 1))
    #expect(ring.droppedOversize == 1)
    #expect(ring.isEmpty)
    #expect(Self.push(ring, [UInt8](repeating: 2, count: 100), arrival: 2))
    #expect(Self.pop(ring)?.0 == [UInt8](repeating: 2, count: 100))
    #expect(ring.droppedOversize == 1 && ring.droppedOldest == 0)
  }

  /// The producer fills the ring several times over while the consumer is still reading a datagram: the one being
  /// read stays intact, the oldest waiting ones are dropped, the newest survive.
  @Test func producerNeverOverwritesTheDatagramBeingRead() throws {
    let ring = PacketRing(capacity: 4, slotSize: 8)
    for value in 0..<4 { Self.push(ring, [UInt8](repeating: UInt8(value), count: 8), arrival: Int64(value)) }
    let seen = ring.pop { bytes, arrival -> [UInt8] in
      for value in 4..<20 { Self.push(ring, [UInt8](repeating: UInt8(value), count: 8), arrival: Int64(value)) }
      return Array(bytes) + [UInt8(arrival)]
    }
    #expect(seen == [UInt8](repeating: 0, count: 8) + [0])
    #expect(ring.droppedOldest == 15)  // of 16 pushes, the first took the free slot and each later one dropped
    var rest: [UInt8] = []
    while let (bytes, _) = Self.pop(ring) { rest.append(bytes[0]) }
    #expect(rest == [16, 17, 18, 19])
  }

  @Test func aThrowingClosureStillFreesTheBuffer() throws {
    struct Failure: Error {}
    let ring = PacketRing(capacity: 2, slotSize: 4)
    for round in 0..<10 {
      Self.push(ring, [UInt8(round)], arrival: 0)
      #expect(throws: Failure.self) { try ring.pop { _, _ in throw Failure() } }
    }
    #expect(ring.isEmpty)
    Self.push(ring, [1], arrival: 0)
    Self.push(ring, [2], arrival: 0)
    #expect(ring.droppedOldest == 0)
  }

  /// One producer thread pushes a million numbered, checksummed datagrams of varying length; one consumer thread
  /// pops concurrently, pausing now and then so the ring overflows. Everything popped is intact and in order, and
  /// popped + dropped == pushed.
  @Test func twoThreadStress() async throws {
    let total = 1_000_000
    let ring = PacketRing(capacity: 64, slotSize: 300)
    let producerDone = Synchronized(false)
    let result = await withCheckedContinuation { (continuation: CheckedContinuation<StressResult, Never>) in
      let consumer = Thread {
        var result = StressResult()
        var lastSequence = -1
        while true {
          let finished = producerDone.value
          while let sequence = ring.pop({ bytes, arrival in StressDatagram.check(bytes, arrival: arrival) }) {
            if sequence < 0 {
              result.corrupt += 1
            } else {
              if sequence <= lastSequence { result.outOfOrder += 1 }
              lastSequence = sequence
            }
            result.popped += 1
            if result.popped % 20_000 == 0 { usleep(200) }  // the worker is late now and then
          }
          if finished { break }
        }
        continuation.resume(returning: result)
      }
      let producer = Thread {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 300, alignment: 8)
        defer { buffer.deallocate() }
        for sequence in 0..<total {
          let length = StressDatagram.fill(buffer, sequence: sequence)
          ring.push(UnsafeRawBufferPointer(rebasing: buffer[0..<length]), arrival: Int64(sequence) * 7)
        }
        producerDone.value = true
      }
      consumer.start()
      producer.start()
    }
    #expect(result.corrupt == 0)
    #expect(result.outOfOrder == 0)
    #expect(result.popped + ring.droppedOldest == total)
    #expect(ring.droppedOversize == 0)
    #expect(ring.isEmpty)
  }
}

private struct StressResult: Sendable {
  var popped = 0
  var corrupt = 0
  var outOfOrder = 0
}

/// A datagram of the stress test: an 8-byte sequence number, filler derived from it, and a 4-byte FNV-1a checksum
/// of everything before it. Lengths vary from 12 to 299 bytes with the sequence number.
private enum StressDatagram {
  static func length(_ sequence: Int) -> Int { 12 + (sequence &* 7919) % 288 }

  static func fill(_ buffer: UnsafeMutableRawBufferPointer, sequence: Int) -> Int {
    let length = length(sequence)
    buffer.storeBytes(of: UInt64(sequence).littleEndian, toByteOffset: 0, as: UInt64.self)
    for index in 8..<(length - 4) {
      buffer.storeBytes(of: UInt8(truncatingIfNeeded: sequence &* 31 &+ index), toByteOffset: index, as: UInt8.self)
    }
    let sum = checksum(UnsafeRawBufferPointer(rebasing: buffer[0..<(length - 4)]))
    buffer.storeBytes(of: sum.littleEndian, toByteOffset: length - 4, as: UInt32.self)
    return length
  }

  /// The sequence number of an intact datagram, or -1.
  static func check(_ bytes: UnsafeRawBufferPointer, arrival: Int64) -> Int {
    guard bytes.count >= 12 else { return -1 }
    let sequence = Int(UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self)))
    let body = bytes.count - 4
    let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: body, as: UInt32.self))
    guard bytes.count == length(sequence), stored == checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<body])),
      arrival == Int64(sequence) * 7
    else { return -1 }
    return sequence
  }

  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var hash: UInt32 = 2_166_136_261
    for index in 0..<bytes.count {
      hash = (hash ^ UInt32(bytes.load(fromByteOffset: index, as: UInt8.self))) &* 16_777_619
    }
    return hash
  }
}

/// A flag shared by the stress threads.
private final class Synchronized: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Bool
  init(_ value: Bool) { stored = value }
  var value: Bool {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}
