import Foundation
import Testing
import ThriveCore
@testable import ThriveConfig

@Suite("YAML limits")
struct YAMLLimitsTests {
    static let bomb = """
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    """

    private func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func anAliasBombInTheTemplatesFolderIsReportedAndTheRestLoads() throws {
        let dir = try folder(["bomb.yaml": Self.bomb, "mine.yaml": "name: my_event\nendpoint: track\nevent_name: my_event\nsummary: mine\nfields: []\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalogue = UserTemplates.catalogue(directory: dir)
        #expect(catalogue.loadProblems.contains { $0.contains("bomb.yaml") && $0.contains("expands to more than") }, "\(catalogue.loadProblems)")
        #expect(catalogue.template(named: "signed_up") != nil, "built-ins still load")
    }

    @Test func aFileOverTheSizeLimitIsNotRead() throws {
        let dir = try folder(["big.yaml": "k: " + String(repeating: "v", count: YAMLLimits.maxFileBytes + 10)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalogue = UserTemplates.catalogue(directory: dir)
        #expect(catalogue.loadProblems.contains { $0.contains("big.yaml") && $0.contains("are not read") })
    }

    @Test func aConfigPathThatIsAFolderSaysSo() throws {
        let dir = try folder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ConfigError("\(dir.path) is a folder, not a config file")) { try AppConfig.load(from: dir) }
    }

    @Test func aBombInTheConfigFileDoesNotHang() throws {
        // The config reads only scalars at the top level; the bomb is an unknown setting, reported by line.
        #expect(throws: ConfigError.self) { try AppConfig.parse(Self.bomb) }
    }
}
