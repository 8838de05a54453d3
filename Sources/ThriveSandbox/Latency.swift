import Foundation

/// Extra delay before the sandbox answers an API request: fixed (`200ms`) or uniformly random in a range (`50ms-300ms`).
public struct Latency: Sendable, Hashable, CustomStringConvertible {
    public var lower: Duration
    public var upper: Duration

    /// A range; the bounds are swapped if given the wrong way round.
    public init(_ lower: Duration, _ upper: Duration) {
        self.lower = min(lower, upper)
        self.upper = max(lower, upper)
    }

    /// Always the same delay.
    public init(_ fixed: Duration) { self.init(fixed, fixed) }

    public var description: String {
        lower == upper ? Latency.format(lower) : "\(Latency.format(lower))-\(Latency.format(upper))"
    }

    /// Parses a `--latency` value: `200ms`, `1s`, `1.5s` or a range `50ms-300ms`.
    public static func parse(_ text: String) throws(SandboxConfigurationError) -> Latency {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let bounds = trimmed.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count <= 2 else {
            throw SandboxConfigurationError("latency \"\(text)\": expected a duration like 200ms or a range like 50ms-300ms")
        }
        let lower = try parseDuration(bounds[0], context: "latency \"\(text)\"")
        guard bounds.count == 2 else { return Latency(lower) }
        let upper = try parseDuration(bounds[1], context: "latency \"\(text)\"")
        guard lower <= upper else {
            throw SandboxConfigurationError("latency \"\(text)\": the range's start is after its end")
        }
        return Latency(lower, upper)
    }

    /// Parses one duration: a non-negative number followed by `ms` or `s` (`250ms`, `1s`, `0.5s`).
    public static func parseDuration(_ text: String) throws(SandboxConfigurationError) -> Duration {
        try parseDuration(text, context: "duration \"\(text)\"")
    }

    private static func parseDuration(_ raw: String, context: String) throws(SandboxConfigurationError) -> Duration {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let unit: Double
        let number: Substring
        if text.hasSuffix("ms") {
            unit = 1; number = text.dropLast(2)
        } else if text.hasSuffix("s") {
            unit = 1000; number = text.dropLast()
        } else {
            throw SandboxConfigurationError("\(context): \"\(raw)\" needs a unit, ms or s (e.g. 200ms, 1s)")
        }
        guard let value = Double(number), value.isFinite, value >= 0 else {
            throw SandboxConfigurationError("\(context): \"\(raw)\" is not a non-negative number of \(unit == 1 ? "milliseconds" : "seconds")")
        }
        let millis = value * unit
        guard millis <= 600_000 else {
            throw SandboxConfigurationError("\(context): \"\(raw)\" is longer than the 10-minute maximum")
        }
        return .microseconds(Int64((millis * 1000).rounded()))
    }

    /// A delay drawn from the range.
    func draw(using generator: inout some RandomNumberGenerator) -> Duration {
        guard lower < upper else { return lower }
        let low = Latency.microseconds(lower), high = Latency.microseconds(upper)
        return .microseconds(Int64.random(in: low...high, using: &generator))
    }

    private static func microseconds(_ d: Duration) -> Int64 {
        let (seconds, attoseconds) = d.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }

    static func format(_ d: Duration) -> String {
        let micros = microseconds(d)
        if micros % 1_000_000 == 0 { return "\(micros / 1_000_000)s" }
        if micros % 1000 == 0 { return "\(micros / 1000)ms" }
        return "\(Double(micros) / 1000)ms"
    }
}
