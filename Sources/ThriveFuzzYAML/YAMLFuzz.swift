import Foundation
import TerminalScreen
import ThriveConfig
import ThriveCore
import ThriveFuzzSupport
import Yams

/// The YAML readers: theme files, config.yaml and YAML templates. Every text gives a theme or problems that name
/// the file, a config or an error that names the file, and (for templates) JSON that prints and parses back to
/// itself; a text that is also JSON converts to the value the JSON parser reads. Same text, same outcome.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = Fuzz.text(data, size)
    checkTheme(text)
    checkConfig(text)
    checkTemplate(text)
    return 0
}

func checkTheme(_ text: String) {
    let source = "themes/fuzz.yaml"
    let outcome = ThemeParser.parse(yaml: text, source: source, origin: "/fuzz/themes/fuzz.yaml", defaultName: "fuzz")
    switch outcome {
    case .theme(let theme):
        Fuzz.check(!theme.name.isEmpty, "a theme with an empty name")
        Fuzz.check(theme.name == theme.name.trimmingCharacters(in: .whitespaces), "a theme name with blanks around it: \(Fuzz.show(theme.name))")
        Fuzz.check(Set(theme.missingRoles).count == theme.missingRoles.count, "a missing role listed twice")
        for role in Role.allCases {
            guard let paint = theme.palette.paints[role] else { Fuzz.fail("role \(role.rawValue) has no paint") }
            // What a theme writer shows for a colour reads back as that colour.
            let written = ColorSpec.format(paint.color)
            Fuzz.check((try? ColorSpec.parse(written)) == paint.color, "colour \(paint.color) is written \(Fuzz.show(written)), which does not read back")
        }
    case .problems(let problems):
        Fuzz.check(!problems.isEmpty, "a theme refused without a problem")
        for p in problems { Fuzz.check(p.hasPrefix(source + ": "), "a problem that does not name the file: \(Fuzz.show(p))") }
    }
    // Same text, same theme (or as many problems). Problem texts may differ: Yams names the first duplicated key
    // of a mapping with a non-scalar key after sorting in hash order, so its line number varies from run to run.
    let again = ThemeParser.parse(yaml: text, source: source, origin: "/fuzz/themes/fuzz.yaml", defaultName: "fuzz")
    switch (outcome, again) {
    case (.theme(let a), .theme(let b)): Fuzz.check(a == b, "the same theme text parsed twice gives different themes")
    case (.problems(let a), .problems(let b)): Fuzz.check(a.count == b.count, "the same theme text parsed twice gives \(a.count) then \(b.count) problems")
    default: Fuzz.fail("the same theme text parsed twice gives a theme once and problems once:\n\(outcome)\n\(again)")
    }
}

func checkConfig(_ text: String) {
    let path = "/fuzz/config.yaml"
    do {
        let config = try AppConfig.parse(text, path: path)
        Fuzz.check(config.path == path, "the config does not remember its path")
        if let url = config.baseURL { Fuzz.check(["http", "https"].contains(url.scheme ?? ""), "base_url with scheme \(url.scheme ?? "nil")") }
        Fuzz.check((try? AppConfig.parse(text, path: path)) == config, "the same config text parsed twice gives different configs")
    } catch {
        Fuzz.check(error.message.hasPrefix(path), "a config error that does not name the file: \(Fuzz.show(error.message))")
    }
}

/// Decodes templates with the built-in common fields, as user templates are.
let decoder = TemplateCatalogue.builtIn().decoder

func checkTemplate(_ text: String) {
    let node: Node?
    do { node = try YAMLLimits.compose(text) } catch { return }
    guard let node else { return }
    let json: JSONValue
    do { json = try YAMLTemplates.json(from: node) } catch { return }
    let compact = json.compact()
    do {
        let back = try JSONParser.parse(compact)
        Fuzz.check(back == json, "YAML converted to JSON does not parse back to itself: \(Fuzz.show(compact))")
        Fuzz.check(back.compact() == compact, "YAML converted to JSON does not print back the same: \(Fuzz.show(compact))")
    } catch {
        Fuzz.fail("YAML converted to JSON prints text that does not parse (\(error)): \(Fuzz.show(compact))")
    }
    // JSON is (almost all) YAML: when both read the text, they must agree.
    if let asJSON = try? JSONParser.parse(text) {
        Fuzz.check(asJSON == json, "text read as JSON and as YAML differs:\nJSON \(Fuzz.show(asJSON.compact()))\nYAML \(Fuzz.show(compact))")
    }
    let template = try? decoder.decode(json, origin: .user(path: "/fuzz/templates/fuzz.yaml"))
    if let template { _ = template.fields.map(\.path) }
}
