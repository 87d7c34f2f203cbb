import CParleyOpenSSL

/// The datagrams a DTLS endpoint exchanges with OpenSSL through its BIO.
///
/// OpenSSL 3.0 has no in-memory BIO that keeps datagram boundaries (a memory BIO would run two
/// records together), so Parley brings its own: a read returns exactly one datagram handed in by the
/// caller (no copy: it points at the caller's bytes for the duration of one call), and a write
/// becomes one outbound datagram, coalesced with the previous one while both fit in the MTU
/// (several records per datagram are legal, RFC 6347 §4.1.1). Nothing here touches a socket.
final class DatagramPipe {
  var inbound: UnsafeRawBufferPointer?
  var outbound: [[UInt8]] = []
  var coalesce = false
  let mtu: Int

  init(mtu: Int) { self.mtu = mtu }

  func write(_ bytes: UnsafeRawBufferPointer) {
    if coalesce, let last = outbound.indices.last, outbound[last].count + bytes.count <= mtu {
      outbound[last].append(contentsOf: bytes)
    } else {
      outbound.append(Array(bytes))
    }
  }
}

/// The BIO_METHOD behind ``DatagramPipe``, made once per process and never changed after (hence the
/// `nonisolated(unsafe)`: OpenSSL only reads it).
nonisolated(unsafe) let datagramBIOMethod: OpaquePointer = {
  let type = BIO_get_new_index() | BIO_TYPE_SOURCE_SINK
  guard let method = BIO_meth_new(type, "parley-datagram") else {
    fatalError("BIO_meth_new failed: \(drainOpenSSLErrors())")
  }
  BIO_meth_set_create(method) { bio in
    BIO_set_init(bio, 1)
    return 1
  }
  BIO_meth_set_write(method) { bio, data, length in
    guard let bio, let data, length >= 0, let raw = BIO_get_data(bio) else { return -1 }
    let pipe = Unmanaged<DatagramPipe>.fromOpaque(raw).takeUnretainedValue()
    pipe.write(UnsafeRawBufferPointer(start: data, count: Int(length)))
    return length
  }
  BIO_meth_set_read(method) { bio, buffer, capacity in
    guard let bio, let buffer, capacity >= 0, let raw = BIO_get_data(bio) else { return -1 }
    cparley_bio_clear_retry_flags(bio)
    let pipe = Unmanaged<DatagramPipe>.fromOpaque(raw).takeUnretainedValue()
    guard let datagram = pipe.inbound else {
      cparley_bio_set_retry_read(bio)
      return -1
    }
    pipe.inbound = nil
    let count = min(datagram.count, Int(capacity))  // a datagram larger than the buffer is truncated, as UDP does
    if count > 0 { UnsafeMutableRawPointer(buffer).copyMemory(from: datagram.baseAddress!, byteCount: count) }
    return Int32(count)
  }
  BIO_meth_set_ctrl(method) { bio, command, _, _ in
    guard let bio, let raw = BIO_get_data(bio) else { return 0 }
    let pipe = Unmanaged<DatagramPipe>.fromOpaque(raw).takeUnretainedValue()
    switch command {
    case BIO_CTRL_FLUSH: return 1
    case BIO_CTRL_DGRAM_QUERY_MTU, BIO_CTRL_DGRAM_GET_FALLBACK_MTU: return pipe.mtu
    case BIO_CTRL_DGRAM_GET_MTU_OVERHEAD: return 0
    case BIO_CTRL_WPENDING, BIO_CTRL_PENDING: return 0
    default: return 0
    }
  }
  return method
}()
