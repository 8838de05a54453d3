import Foundation
import TerminalScreen

/// Finds and loads theme files (`*.yaml` / `*.yml`) from the theme folders.
///
/// Search order, first match by name wins: `--theme-dir`, `$XDG_CONFIG_HOME/thrive-inspector/themes`
/// (or `~/.config/thrive-inspector/themes`), `./themes`, then the install location: `themes/` next to the
/// executable, `../share/thrive-inspector/themes` relative to it, and for a build from source the checkout's
/// own `themes/`. The built-in `default-dark` and
/// `monochrome` themes are added unless a file shadows them.
public enum ThemeLoader {
    /// Files larger than this are not themes; refusing them keeps a mistaken path from stalling start-up.
    static let maxFileSize = 256 * 1024

    /// Loads every theme. Never fails: problems (broken files, a missing `--theme-dir`) go into `problems`.
    /// - Parameters:
    ///   - themeDir: the `--theme-dir` option, relative to `currentDirectory` if not absolute; `~` is expanded.
    ///   - environment: reads `XDG_CONFIG_HOME`, `HOME` and `NO_COLOR`.
    ///   - executablePath: the running binary (best absolute, e.g. from /proc/self/exe); symlinks are resolved.
    public static func load(themeDir: String?, environment: [String: String], executablePath: String?,
                            currentDirectory: String) -> ThemeSet {
        var problems: [String] = []
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if let themeDir, !isDirectory(absolute(themeDir, in: currentDirectory, home: home)) {
            problems.append("--theme-dir \(themeDir): no such folder")
        }
        let dirs = searchDirectories(themeDir: themeDir, environment: environment,
                                     executablePath: executablePath, currentDirectory: currentDirectory)
        var byName: [String: Theme] = [:]
        for dir in dirs {
            for file in themeFiles(in: dir) {
                let shown = displayPath(file, currentDirectory: currentDirectory, home: home)
                let defaultName = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
                guard let text = readText(file, shown: shown, problems: &problems) else { continue }
                switch ThemeParser.parse(yaml: text, source: shown, origin: file, defaultName: defaultName) {
                case .theme(let theme):
                    let key = theme.name.lowercased()
                    if byName[key] == nil { byName[key] = theme }
                case .problems(let list):
                    problems += list
                }
            }
        }
        for builtIn in [Theme.builtInDark, Theme.monochrome] where byName[builtIn.name] == nil {
            byName[builtIn.name] = builtIn
        }
        let themes = byName.values.sorted { $0.name.lowercased() < $1.name.lowercased() }
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return ThemeSet(themes: themes, problems: problems, searchedDirectories: dirs, noColor: noColor)
    }

    /// The folders to search, in priority order, absolute and without duplicates. They need not exist.
    public static func searchDirectories(themeDir: String?, environment: [String: String], executablePath: String?,
                                         currentDirectory: String) -> [String] {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        var dirs: [String] = []
        if let themeDir, !themeDir.isEmpty { dirs.append(absolute(themeDir, in: currentDirectory, home: home)) }
        // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            dirs.append(join(xdg, "thrive-inspector/themes"))
        } else if let home {
            dirs.append(join(home, ".config/thrive-inspector/themes"))
        }
        dirs.append(join(currentDirectory, "themes"))
        if let executablePath, !executablePath.isEmpty {
            let exe = URL(fileURLWithPath: absolute(executablePath, in: currentDirectory, home: home))
                .resolvingSymlinksInPath()
            let binDir = exe.deletingLastPathComponent().path
            dirs.append(join(binDir, "themes"))
            dirs.append(join(binDir, "../share/thrive-inspector/themes"))
        }
        // A build from source (`swift run` from any folder) finds the checkout's themes/ as its install location.
        dirs.append(sourceCheckoutThemes)
        var seen = Set<String>()
        return dirs.map { ($0 as NSString).standardizingPath }.filter { seen.insert($0).inserted }
    }

    /// `themes/` at the top of the source checkout this module was compiled from (it need not exist).
    static let sourceCheckoutThemes: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes").path

    /// Theme files in `dir`, sorted so loading order (and so shadowing within one folder) is stable.
    static func themeFiles(in dir: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted()
            .map { join(dir, $0) }
            .filter { !isDirectory($0) }
    }

    private static func readText(_ path: String, shown: String, problems: inout [String]) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append("\(shown): cannot be read")
            return nil
        }
        guard data.count <= maxFileSize else {
            problems.append("\(shown): too large for a theme file (\(data.count / 1024) KB)")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append("\(shown): not UTF-8 text")
            return nil
        }
        return text
    }

    /// How messages name a file: relative to the current folder when inside it, `~/…` inside home.
    static func displayPath(_ path: String, currentDirectory: String, home: String?) -> String {
        let cwd = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        if path.hasPrefix(cwd), cwd != "/" { return String(path.dropFirst(cwd.count)) }
        if let home, home != "/" {
            let h = home.hasSuffix("/") ? home : home + "/"
            if path.hasPrefix(h) { return "~/" + path.dropFirst(h.count) }
        }
        return path
    }

    static func absolute(_ path: String, in currentDirectory: String, home: String?) -> String {
        if path == "~" || path.hasPrefix("~/"), let home { return join(home, String(path.dropFirst(2))) }
        let full = path.hasPrefix("/") ? path : join(currentDirectory, path)
        return (full as NSString).standardizingPath
    }

    private static func join(_ a: String, _ b: String) -> String {
        b.isEmpty ? a : (a.hasSuffix("/") ? a + b : a + "/" + b)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
