import ArgumentParser
import Foundation
import ThriveConfig
import ThriveCore

/// `thrive-inspector templates [NAME]`: lists templates, or shows one's fields and a sample payload.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List event templates, or show one template's fields and a sample payload.")

    @Argument(help: "A template name, e.g. signed_up. Omit to list all.")
    var name: String?

    func run() throws {
        let catalogue = UserTemplates.catalogue()
        for problem in catalogue.loadProblems { printError("warning: \(problem)") }
        guard let name else {
            let width = catalogue.templates.map(\.name.count).max() ?? 0
            for endpoint in Endpoint.allCases {
                for t in catalogue.templates where t.endpoint == endpoint {
                    let origin = t.origin == .builtIn ? "" : "  (user)"
                    print("\(t.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(endpoint.path.padding(toLength: 10, withPad: " ", startingAt: 0))  \(t.summary)\(origin)")
                }
            }
            return
        }
        guard let t = catalogue.template(named: name) else {
            let close = catalogue.templates.map(\.name).filter { $0.contains(name) || name.contains($0) }
            throw CLIError("unknown template \"\(name)\"" + (close.isEmpty ? "; run 'thrive-inspector templates' to list them" : "; did you mean \(close.joined(separator: ", "))?"))
        }
        print("\(t.name) — \(t.summary)")
        print("POST /api\(t.endpoint.path)")
        if !t.description.isEmpty { print("\n\(t.description)") }
        print("\nFields:")
        let w = t.fields.map(\.name.count).max() ?? 0
        for f in t.fields {
            let req: String
            switch f.requirement {
            case .api: req = "required"
            case .plan: req = "expected"
            case .optional: req = "optional"
            }
            var type = f.type.rawValue
            if f.type == .enum { type += " (\(f.allowedValues.joined(separator: "|")))" }
            let aliases = f.aliases.isEmpty ? "" : " Also accepted: \(f.aliases.map(\.dotted).joined(separator: ", "))."
            print("  \(f.name.padding(toLength: w, withPad: " ", startingAt: 0))  \(req.padding(toLength: 8, withPad: " ", startingAt: 0))  \(type)")
            print("  \(String(repeating: " ", count: w))  \(f.help)\(aliases)")
        }
        print("\nSample payload:")
        print(DraftFactory().makeBody(t).pretty())
    }
}
