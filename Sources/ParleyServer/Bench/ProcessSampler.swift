import Foundation

/// CPU time per thread group and resident memory, read from /proc/self (Linux): server threads
/// (Parley's media workers and network loops) apart from the load generator's (the sandbox's).
struct ProcessSampler {
  struct Sample {
    var wall: ContinuousClock.Instant
    /// CPU seconds by group: "server" (parley-*), "sandbox" (sandbox-*), "http" (NIO event loops, shared).
    var cpu: [String: Double]
    var residentBytes: Int
  }

  static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

  static func sample() -> Sample {
    var cpu: [String: Double] = [:]
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    for task in tasks {
      guard let comm = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8),
        let stat = try? String(contentsOfFile: "/proc/self/task/\(task)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { continue }
      // Fields after the command: state is field 3; utime and stime are fields 14 and 15.
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { continue }
      let name = comm.trimmingCharacters(in: .whitespacesAndNewlines)
      let group =
        name.hasPrefix("parley-")
        ? "server" : name.hasPrefix("sandbox-") ? "sandbox" : name.hasPrefix("NIO") ? "http" : "other"
      cpu[group, default: 0] += (user + system) / ticksPerSecond
    }
    return Sample(wall: .now, cpu: cpu, residentBytes: residentBytes())
  }

  static func residentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
    return kilobytes * 1024
  }

  /// CPU use of `group` between two samples, as a fraction of one core.
  static func coreShare(_ group: String, from start: Sample, to end: Sample) -> Double {
    let wall = start.wall.duration(to: end.wall).inSeconds
    guard wall > 0 else { return 0 }
    return ((end.cpu[group] ?? 0) - (start.cpu[group] ?? 0)) / wall
  }
}
