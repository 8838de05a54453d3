import Foundation

/// Timing helpers: wall-clock samples in seconds, summarised as the figures the closing notes quote.
enum Measure {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).seconds
    }

    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start).seconds
    }

    /// "median 12.3 ms (min 11.9, p99 14.0, n=20)".
    static func summary(_ samples: [Double]) -> String {
        let s = samples.sorted()
        guard !s.isEmpty else { return "no samples" }
        func at(_ q: Double) -> Double { s[min(s.count - 1, Int(Double(s.count - 1) * q))] }
        return "median \(ms(at(0.5))) (min \(ms(s[0])), p99 \(ms(at(0.99))), n=\(s.count))"
    }

    static func ms(_ seconds: Double) -> String {
        seconds < 0.001 ? String(format: "%.1f µs", seconds * 1e6) : String(format: "%.2f ms", seconds * 1e3)
    }

    /// Peak resident memory of this process, from /proc (Linux).
    static func peakRSS() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return "unknown" }
        return line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
