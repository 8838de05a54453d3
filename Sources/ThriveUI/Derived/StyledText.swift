import TerminalScreen
import ThriveCore

/// A run of text in one colour role.
public struct StyledRun: Sendable, Hashable {
    public var text: String
    public var role: Role
    public init(_ text: String, _ role: Role) { self.text = text; self.role = role }
}

/// One line of text in several colours, drawn left to right.
public typealias StyledLine = [StyledRun]

/// Colours JSON by token kind, the same way wherever JSON is shown (preview, history details).
enum JSONStyling {
    static func lines(_ value: JSONValue, level: Int = 0) -> [StyledLine] {
        value.prettyLines(level: level).map(line)
    }

    static func line(_ tokens: [JSONToken]) -> StyledLine { tokens.map { StyledRun($0.text, role(for: $0.kind)) } }

    static func role(for kind: JSONTokenKind) -> Role {
        switch kind {
        case .key: return .jsonKey
        case .string: return .jsonString
        case .number: return .jsonNumber
        case .bool: return .jsonBoolean
        case .null: return .jsonNull
        case .punctuation, .whitespace: return .muted
        }
    }
}
