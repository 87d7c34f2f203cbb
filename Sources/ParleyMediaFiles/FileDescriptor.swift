internal import Glibc

/// One POSIX file descriptor, closed in `deinit` unless ``close()`` closed it first.
///
/// Writes go straight to the kernel (`write(2)`, no user-space buffer), so whatever was written
/// survives the death of the process; ``synchronize()`` (`fsync(2)`) makes it survive a power loss.
final class FileDescriptor {
  private var fd: Int32

  /// Opens `path` with `flags` (`O_RDONLY`, or `O_WRONLY | O_CREAT | O_TRUNC` …) and mode 0644.
  init(path: String, flags: Int32) throws(MediaFileError) {
    let fd = path.withCString { open($0, flags | O_CLOEXEC, 0o644) }
    guard fd >= 0 else { throw .cannotOpen(path: path, errno: errno) }
    self.fd = fd
  }

  deinit { if fd >= 0 { _ = Glibc.close(fd) } }

  /// Writes all of `bytes`, retrying short writes and `EINTR`.
  func write(_ bytes: UnsafeRawBufferPointer) throws(MediaFileError) {
    guard fd >= 0 else { throw .closed }
    guard var next = bytes.baseAddress else { return }
    var remaining = bytes.count
    while remaining > 0 {
      let written = Glibc.write(fd, next, remaining)
      if written < 0 {
        if errno == EINTR { continue }
        throw .writeFailed(errno: errno)
      }
      next += written
      remaining -= written
    }
  }

  /// Reads up to `buffer.count` bytes and returns how many were read (0 at the end of the file).
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(MediaFileError) -> Int {
    guard fd >= 0 else { throw .closed }
    guard let base = buffer.baseAddress else { return 0 }
    while true {
      let count = Glibc.read(fd, base, buffer.count)
      if count >= 0 { return count }
      if errno != EINTR { throw .readFailed(errno: errno) }
    }
  }

  /// Flushes the kernel's copy of the file to the storage device (`fsync(2)`).
  func synchronize() throws(MediaFileError) {
    guard fd >= 0 else { throw .closed }
    guard fsync(fd) == 0 else { throw .writeFailed(errno: errno) }
  }

  /// Closes the descriptor; later calls throw ``MediaFileError/closed``.
  func close() throws(MediaFileError) {
    guard fd >= 0 else { throw .closed }
    let result = Glibc.close(fd)
    fd = -1
    // After close(2) fails the descriptor is gone anyway (Linux); report what it said.
    if result != 0 && errno != EINTR { throw .writeFailed(errno: errno) }
  }
}
