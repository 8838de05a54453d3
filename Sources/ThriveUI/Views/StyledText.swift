import TerminalScreen
import ThriveCore

/// One line of text in several colours: runs of (text, role), drawn left to right.
typealias StyledLine = [(String, Role)]

/// Colours JSON by token kind, the same way wherever JSON is shown (preview, history details).
enum JSONStyling {
    static func lines(_ value: JSONValue) -> [StyledLine] {
        value.prettyLines().map { line in line.map { ($0.text, role(for: $0.kind)) } }
    }

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
