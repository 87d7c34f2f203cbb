import Foundation

/// Plain SVG pictures for `parley bench`: a histogram, and a line of points.
enum BenchPlot {
  static let width = 640.0
  static let height = 360.0
  static let margin = (left: 64.0, right: 20.0, top: 40.0, bottom: 52.0)

  /// A histogram of `values` in `bins` equal bins.
  static func histogram(_ values: [Double], title: String, unit: String, bins: Int = 30) -> String {
    let finite = values.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else { return frame(title: title, body: "") }
    let span = max(high - low, 1)
    var counts = [Int](repeating: 0, count: bins)
    for value in finite { counts[min(bins - 1, Int((value - low) / span * Double(bins)))] += 1 }
    let top = Double(counts.max() ?? 1)
    let plotWidth = width - margin.left - margin.right
    let plotHeight = height - margin.top - margin.bottom
    var body = ""
    for (index, count) in counts.enumerated() where count > 0 {
      let x = margin.left + Double(index) / Double(bins) * plotWidth
      let barHeight = Double(count) / top * plotHeight
      body += rect(
        x: x + 1, y: margin.top + plotHeight - barHeight, width: plotWidth / Double(bins) - 2, height: barHeight)
    }
    body += axes(
      xLabel: unit, yLabel: "count", xTicks: ticks(low, low + span), yTicks: ticks(0, top),
      xRange: (low, low + span), yRange: (0, top))
    return frame(title: "\(title) (n = \(finite.count))", body: body)
  }

  /// Points joined by a line, with their values marked.
  static func line(_ points: [(x: Double, y: Double)], title: String, xLabel: String, yLabel: String) -> String {
    guard let maxX = points.map(\.x).max(), let maxY = points.map(\.y).max(), maxX > 0, maxY > 0 else {
      return frame(title: title, body: "")
    }
    let plotWidth = width - margin.left - margin.right
    let plotHeight = height - margin.top - margin.bottom
    func position(_ point: (x: Double, y: Double)) -> (Double, Double) {
      (margin.left + point.x / (maxX * 1.05) * plotWidth, margin.top + plotHeight - point.y / (maxY * 1.2) * plotHeight)
    }
    let path = points.map(position).map { String(format: "%.1f,%.1f", $0.0, $0.1) }.joined(separator: " ")
    var body = "<polyline fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"2\" points=\"\(path)\"/>\n"
    for point in points {
      let (x, y) = position(point)
      body += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#2b6cb0\"/>\n", x, y)
      body += text(x: x, y: y - 10, String(format: "%.2f", point.y), anchor: "middle")
    }
    body += axes(
      xLabel: xLabel, yLabel: yLabel, xTicks: ticks(0, maxX * 1.05), yTicks: ticks(0, maxY * 1.2),
      xRange: (0, maxX * 1.05), yRange: (0, maxY * 1.2))
    return frame(title: title, body: body)
  }

  /// Points over time: a dot each, an optional shaded stretch of x (a burst of trouble) and a dashed
  /// horizontal bound.
  static func scatter(
    _ points: [(x: Double, y: Double)], title: String, xLabel: String, yLabel: String, shaded: (Double, Double)?,
    bound: Double?
  ) -> String {
    guard let maxX = points.map(\.x).max(), let maxY = points.map(\.y).max(), maxX > 0 else {
      return frame(title: title, body: "")
    }
    let xHigh = max(maxX, shaded.map { min($0.1, maxX) } ?? 0) * 1.02
    let yHigh = max(maxY, bound ?? 0) * 1.1
    let plotWidth = width - margin.left - margin.right
    let plotHeight = height - margin.top - margin.bottom
    func x(_ value: Double) -> Double { margin.left + min(value, xHigh) / xHigh * plotWidth }
    func y(_ value: Double) -> Double { margin.top + plotHeight - max(0, value) / yHigh * plotHeight }
    var body = ""
    if let shaded {
      body += String(
        format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fbd38d\" opacity=\"0.5\"/>\n",
        x(shaded.0), margin.top, max(1, x(shaded.1) - x(shaded.0)), plotHeight)
    }
    if let bound {
      body += String(
        format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c53030\" stroke-dasharray=\"6 4\"/>\n",
        margin.left, y(bound), width - margin.right, y(bound))
      body += text(x: width - margin.right, y: y(bound) - 4, String(format: "%.0f", bound), anchor: "end")
    }
    for point in points {
      body += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#2b6cb0\"/>\n", x(point.x), y(point.y))
    }
    body += axes(
      xLabel: xLabel, yLabel: yLabel, xTicks: ticks(0, xHigh), yTicks: ticks(0, yHigh), xRange: (0, xHigh),
      yRange: (0, yHigh))
    return frame(title: "\(title) (n = \(points.count))", body: body)
  }

  private static func ticks(_ low: Double, _ high: Double) -> [Double] {
    (0...4).map { low + (high - low) * Double($0) / 4 }
  }

  private static func axes(
    xLabel: String, yLabel: String, xTicks: [Double], yTicks: [Double], xRange: (Double, Double),
    yRange: (Double, Double)
  ) -> String {
    let plotWidth = width - margin.left - margin.right
    let plotHeight = height - margin.top - margin.bottom
    let bottom = margin.top + plotHeight
    var body =
      "<line x1=\"\(margin.left)\" y1=\"\(bottom)\" x2=\"\(width - margin.right)\" y2=\"\(bottom)\" stroke=\"#333\"/>\n"
    body +=
      "<line x1=\"\(margin.left)\" y1=\"\(margin.top)\" x2=\"\(margin.left)\" y2=\"\(bottom)\" stroke=\"#333\"/>\n"
    for tick in xTicks {
      let x = margin.left + (tick - xRange.0) / max(xRange.1 - xRange.0, 1e-9) * plotWidth
      body += text(x: x, y: bottom + 16, String(format: "%.0f", tick), anchor: "middle")
    }
    for tick in yTicks {
      let y = bottom - (tick - yRange.0) / max(yRange.1 - yRange.0, 1e-9) * plotHeight
      body += text(x: margin.left - 6, y: y + 4, String(format: tick < 10 ? "%.1f" : "%.0f", tick), anchor: "end")
    }
    body += text(x: margin.left + plotWidth / 2, y: height - 12, xLabel, anchor: "middle")
    body +=
      "<text x=\"14\" y=\"\(margin.top + plotHeight / 2)\" font-size=\"12\" text-anchor=\"middle\" "
      + "transform=\"rotate(-90 14 \(margin.top + plotHeight / 2))\">\(escape(yLabel))</text>\n"
    return body
  }

  private static func rect(x: Double, y: Double, width: Double, height: Double) -> String {
    String(
      format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2b6cb0\"/>\n", x, y, max(width, 1),
      height)
  }

  private static func text(x: Double, y: Double, _ content: String, anchor: String) -> String {
    String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"\(anchor)\">", x, y) + escape(content)
      + "</text>\n"
  }

  private static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
  }

  private static func frame(title: String, body: String) -> String {
    """
    <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
    font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>
    <text x="\(width / 2)" y="24" font-size="14" text-anchor="middle">\(escape(title))</text>
    \(body)</svg>

    """
  }
}
