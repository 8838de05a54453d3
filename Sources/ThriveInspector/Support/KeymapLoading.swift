import Foundation
import ThriveConfig
import ThriveUI

/// The keymap the UI starts with: the standard keys with keys.yaml's rebindings applied. ThriveConfig reads
/// the YAML and ThriveUI checks the names, so neither module needs the other; this is where they meet.
enum KeymapLoading {
    /// The keymap and every problem with the file, each naming the file and line. Never fails: a rebinding
    /// with a problem is skipped and its action keeps the standard keys.
    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> (Keymap, [String]) {
        let url = KeymapFile.defaultPath(environment: environment)
        let shown = shownPath(url.path, home: environment["HOME"])
        let file = KeymapFile.load(from: url, shownPath: shown)
        let rebindings = file.overrides.map { KeyRebinding(action: $0.action, keys: $0.keys, line: $0.line) }
        let (keymap, problems) = Keymap.standard.applying(rebindings, file: shown)
        return (keymap, file.problems + problems)
    }

    /// `~/.config/thrive-inspector/keys.yaml` rather than the whole home path: the status line is one row.
    static func shownPath(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty, home != "/", path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }
}
