/// Why the terminal could not be set up; `description` is a message for the user.
public enum TerminalError: Error, CustomStringConvertible, Sendable, Equatable {
    /// stdin or stdout is not a terminal (piped or redirected).
    case notATerminal
    /// ncurses has no terminfo entry for `TERM` (nil when `TERM` is unset).
    case unknownTerminal(String?)
    /// A system call failed while setting up, e.g. creating a pipe.
    case systemCall(String, errno: Int32)

    public var description: String {
        switch self {
        case .notATerminal:
            return "thrive-inspector needs an interactive terminal: stdin and stdout must not be redirected."
        case .unknownTerminal(nil):
            return "TERM is not set, so the terminal type is unknown. Set it, e.g. `export TERM=xterm-256color`."
        case .unknownTerminal(let term?):
            return "Unknown terminal type '\(term)' (from TERM): no terminfo entry. Try `TERM=xterm-256color`."
        case let .systemCall(call, errno):
            return "Terminal setup failed: \(call) returned errno \(errno)."
        }
    }
}
