import Foundation
@testable import ThriveCore

/// The seed documents shipped as test fixtures, and the JSON samples inside them.
enum SeedFixtures {
    static func text(_ prefix: String) throws -> String {
        let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        let name = try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix(prefix) }!
        return try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    /// Contents of the ```json fences in a seed document.
    static func jsonSamples(_ prefix: String) throws -> [JSONValue] {
        let parts = try text(prefix).components(separatedBy: "```json\n").dropFirst()
        return try parts.map { try JSONParser.parse(String($0.components(separatedBy: "```")[0])) }
    }
}
