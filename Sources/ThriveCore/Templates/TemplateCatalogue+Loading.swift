import Foundation

extension TemplateCatalogue {
    /// The built-in catalogue from the bundled resource files, with user templates from `userDirectory` on top.
    /// User files may add templates or replace built-ins of the same name; a broken file is reported, not fatal.
    public static func load(userDirectory: URL? = nil) -> TemplateCatalogue {
        var catalogue = builtIn()
        if let userDirectory { catalogue.addTemplates(in: userDirectory) }
        return catalogue
    }

    /// The default folder for user templates: `$XDG_CONFIG_HOME/thrive-inspector/templates` (or `~/.config/…`).
    public static func userDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        ConfigPaths.configDirectory(environment: environment).appendingPathComponent("templates", isDirectory: true)
    }

    /// Loads every `*.json` file in `directory` as a template. Other extensions are left to callers (YAML in ThriveConfig).
    public mutating func addTemplates(in directory: URL) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names.sorted() where name.hasSuffix(".json") {
            let url = directory.appendingPathComponent(name)
            do {
                let data = try Data(contentsOf: url)
                let doc = try JSONParser.parse(data: data)
                add(try decoder.decode(doc, origin: .user(path: url.path)))
            } catch let e as JSONParseError {
                report("\(url.path): \(e)")
            } catch {
                report("\(url.path): \(error)")
            }
        }
    }

    /// Decodes a user template already parsed from another format (YAML) and adds it.
    public mutating func addTemplate(document: JSONValue, path: String) {
        do { add(try decoder.decode(document, origin: .user(path: path))) } catch { report("\(path): \(error)") }
    }
}

/// Where thrive-inspector keeps its configuration.
public enum ConfigPaths {
    /// `$XDG_CONFIG_HOME/thrive-inspector`, or `~/.config/thrive-inspector`.
    public static func configDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("thrive-inspector", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".config/thrive-inspector", isDirectory: true)
    }
}
