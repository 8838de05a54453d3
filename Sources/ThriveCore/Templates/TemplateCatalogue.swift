import Foundation

/// All templates known to the program: the built-ins shipped as resources plus the user's own.
public struct TemplateCatalogue: Sendable {
    public private(set) var templates: [EventTemplate]
    /// Problems met while loading user templates (a broken file is reported, never fatal).
    public private(set) var loadProblems: [String]
    /// Decodes further templates with the same common fields; also knows each endpoint's reserved fields.
    public let decoder: TemplateDecoder

    public init(templates: [EventTemplate], loadProblems: [String] = [], decoder: TemplateDecoder = TemplateDecoder()) {
        self.templates = templates
        self.loadProblems = loadProblems
        self.decoder = decoder
    }

    /// Fields checked on every event of an endpoint, whether or not a template matches.
    public func commonFields(for endpoint: Endpoint) -> [FieldSpec] { decoder.commonFields[endpoint] ?? [] }
    /// Fields allowed on every event of an endpoint (reserved properties).
    public func reservedFields(for endpoint: Endpoint) -> [FieldSpec] { decoder.reservedFields[endpoint] ?? [] }

    public func template(named name: String) -> EventTemplate? { templates.first { $0.name == name } }

    /// The template for one event object sent to `endpoint` (by `event_name`, or `event` in older samples).
    public func template(for event: JSONValue, endpoint: Endpoint) -> EventTemplate? {
        switch endpoint {
        case .identify, .group: return template(named: endpoint.rawValue)
        case .track:
            guard let name = event["event_name"]?.stringValue ?? event["event"]?.stringValue else { return nil }
            return templates.first { $0.endpoint == .track && $0.eventName == name }
        }
    }

    /// Adds or replaces (by name) a template.
    public mutating func add(_ template: EventTemplate) {
        if let i = templates.firstIndex(where: { $0.name == template.name }) { templates[i] = template } else { templates.append(template) }
    }

    /// Records a problem met while loading templates, shown to the user.
    public mutating func report(_ problem: String) { loadProblems.append(problem) }
}

extension TemplateCatalogue {
    /// The built-in catalogue from the bundled resource files, parsed once per process.
    public static func builtIn() -> TemplateCatalogue { BuiltInTemplates.catalogue }
}

/// Loads the bundled template resources once; they never change while the program runs.
enum BuiltInTemplates {
    static let catalogue: TemplateCatalogue = {
        let fm = FileManager.default
        guard let dir = Bundle.module.url(forResource: "templates", withExtension: nil),
              let names = try? fm.contentsOfDirectory(atPath: dir.path) else {
            return TemplateCatalogue(templates: [], loadProblems: ["the built-in templates are missing from the installation"])
        }
        var problems: [String] = []
        var decoder = TemplateDecoder()
        do {
            let common = try JSONParser.parse(data: try Data(contentsOf: dir.appendingPathComponent("_common.json")))
            decoder = try TemplateDecoder(common: common)
        } catch {
            problems.append("built-in _common.json: \(error)")
        }
        var templates: [EventTemplate] = []
        for name in names.sorted() where name.hasSuffix(".json") && name != "_common.json" {
            do {
                let doc = try JSONParser.parse(data: try Data(contentsOf: dir.appendingPathComponent(name)))
                templates.append(try decoder.decode(doc, origin: .builtIn))
            } catch {
                problems.append("built-in \(name): \(error)")
            }
        }
        // Catalogue order: the docs' journey order for track, then identify, then group.
        let order = ["signed_up", "signed_in", "signed_out", "account_created", "account_added_user", "account_removed_user",
                     "account_deleted", "invite_sent", "feature_used", "page_visit", "user_enriched", "trial_started",
                     "trial_ended", "identify", "group"]
        templates.sort { (order.firstIndex(of: $0.name) ?? order.count, $0.name) < (order.firstIndex(of: $1.name) ?? order.count, $1.name) }
        return TemplateCatalogue(templates: templates, loadProblems: problems, decoder: decoder)
    }()
}
