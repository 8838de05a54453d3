import Foundation

/// Where thrive-inspector keeps what it writes for itself (crash reports now; history and the chosen theme
/// later): `$XDG_STATE_HOME/thrive-inspector`, or `~/.local/state/thrive-inspector`.
public enum StatePaths {
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("thrive-inspector", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/state/thrive-inspector", isDirectory: true)
    }

    public static func crashReports(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        directory(environment: environment).appendingPathComponent("crashes", isDirectory: true)
    }
}
