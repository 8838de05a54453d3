import Foundation

/// What the sandbox does instead of answering normally.
public enum Fault: Sendable, Hashable, CustomStringConvertible {
    /// Answer with this HTTP status and a JSON error body; `retryAfter` (seconds) becomes a `Retry-After` header.
    case status(Int, retryAfter: Int? = nil)
    /// Never answer: hold the request until the client gives up or the sandbox stops.
    case hang
    /// Close the TCP connection without sending any response.
    case drop

    /// `429 Too Many Requests` with `Retry-After: 1`, as the CLI's `--fault 429:…` defaults to.
    public static let rateLimited = Fault.status(429, retryAfter: 1)
    /// `500 Internal Server Error`.
    public static let serverError = Fault.status(500)
    /// `503 Service Unavailable`.
    public static let unavailable = Fault.status(503)

    public var description: String {
        switch self {
        case .status(let code, let retry?): return "\(code) (Retry-After \(retry)s)"
        case .status(let code, nil): return "\(code)"
        case .hang: return "hang"
        case .drop: return "drop"
        }
    }
}

/// A fault the sandbox injects at random into a share of API requests, e.g. `429:0.2` (one request in five).
public struct FaultRule: Sendable, Hashable, CustomStringConvertible {
    public var fault: Fault
    /// Chance in 0…1 that a request gets this fault.
    public var probability: Double

    public init(_ fault: Fault, probability: Double) {
        self.fault = fault
        self.probability = probability
    }

    /// The CLI spelling, which `parse` reads back.
    public var description: String {
        switch fault {
        case .status(let code, let retry?): return "\(code):\(probability):retry=\(retry)"
        case .status(let code, nil): return "\(code):\(probability)"
        case .hang: return "hang:\(probability)"
        case .drop: return "drop:\(probability)"
        }
    }

    /// Parses a `--fault` value: `KIND[:PROBABILITY][:retry=SECONDS]`.
    ///
    /// KIND is an HTTP status 400–599 (429, 500, 503 …), `hang` or `drop`. PROBABILITY is 0…1 or a percentage
    /// (`20%`) and defaults to 1 (every request). 429 sends `Retry-After: 1` unless `retry=` (or `retry-after=`)
    /// says otherwise; `retry=0` sends no header.
    public static func parse(_ text: String) throws(SandboxConfigurationError) -> FaultRule {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
            .map { String($0).trimmingCharacters(in: .whitespaces) }
        guard let kind = parts.first, !kind.isEmpty else {
            throw SandboxConfigurationError("fault \"\(text)\": missing the kind; expected e.g. 429:0.2, 500:0.1, hang:0.05 or drop:0.1")
        }
        var fault: Fault
        switch kind.lowercased() {
        case "hang": fault = .hang
        case "drop": fault = .drop
        default:
            guard let code = Int(kind), (400...599).contains(code) else {
                throw SandboxConfigurationError(
                    "fault \"\(text)\": unknown kind \"\(kind)\"; expected an HTTP status 400-599 (e.g. 429, 500, 503), hang or drop")
            }
            fault = .status(code, retryAfter: code == 429 ? 1 : nil)
        }
        var probability = 1.0
        var rest = parts.dropFirst()
        if let first = rest.first, !first.contains("=") {
            probability = try parseProbability(first, in: text)
            rest = rest.dropFirst()
        }
        for option in rest {
            let pair = option.split(separator: "=", maxSplits: 1).map(String.init)
            let name = pair.first?.lowercased() ?? ""
            guard pair.count == 2, name == "retry" || name == "retry-after" else {
                throw SandboxConfigurationError("fault \"\(text)\": unknown option \"\(option)\"; the only option is retry=SECONDS")
            }
            guard case .status(let code, _) = fault else {
                throw SandboxConfigurationError("fault \"\(text)\": retry= only applies to HTTP status faults, not \(kind)")
            }
            guard let seconds = Int(pair[1]), seconds >= 0 else {
                throw SandboxConfigurationError("fault \"\(text)\": retry \"\(pair[1])\" is not a whole number of seconds")
            }
            fault = .status(code, retryAfter: seconds == 0 ? nil : seconds)
        }
        return FaultRule(fault, probability: probability)
    }

    private static func parseProbability(_ part: String, in text: String) throws(SandboxConfigurationError) -> Double {
        let value: Double?
        if part.hasSuffix("%") { value = Double(part.dropLast()).map { $0 / 100 } } else { value = Double(part) }
        guard let value, value.isFinite, (0...1).contains(value) else {
            throw SandboxConfigurationError(
                "fault \"\(text)\": probability \"\(part)\" must be a number from 0 to 1 (e.g. 0.2) or a percentage (20%)")
        }
        return value
    }
}
