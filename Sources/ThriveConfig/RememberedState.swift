import Foundation

/// What the UI remembers between runs for the person, kept apart from their own config.yaml (which the program
/// never writes): `$XDG_STATE_HOME/thrive-inspector/ui-state.json`. Today that is the theme chosen with `t`.
public struct RememberedState: Sendable, Equatable {
    public var theme: String?

    public init(theme: String? = nil) { self.theme = theme }

    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        StatePaths.directory(environment: environment).appendingPathComponent("ui-state.json")
    }

    /// The remembered state; a missing or damaged file is an empty one (it is only a convenience).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> RememberedState {
        guard let data = try? Data(contentsOf: path(environment: environment), options: .mappedIfSafe), data.count < 64 * 1024,
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return RememberedState() }
        return RememberedState(theme: object["theme"] as? String)
    }

    /// Writes the state atomically; a failure is ignored on purpose (the theme simply is not remembered).
    public func save(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let url = Self.path(environment: environment)
        var object: [String: Any] = [:]
        if let theme { object["theme"] = theme }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: url, options: .atomic)
    }
}
