import Foundation
import ThriveCore
import ThriveNet
import ThriveSandbox

/// Figures for the engine: parse + validate of a full batch, and sequential sends to the sandbox.
enum CoreBench {
    /// A batch at the API's limits: 1,000 user_enriched events padded to just under 2 MB in all.
    static func bigBatch() -> Data {
        let catalogue = TemplateCatalogue.builtIn()
        guard let template = catalogue.template(named: "user_enriched") else { fatalError("no user_enriched template") }
        let factory = DraftFactory()
        var events: [JSONValue] = []
        for k in 0..<1_000 {
            var e = factory.makeEvent(template)
            e.set(.string("user-\(k)"), at: JSONPointer(["user_id"]))
            e.set(.string("https://example.com/" + String(repeating: "p", count: 1_080)),
                  at: JSONPointer(["properties", "enrichment_avatar"]))
            events.append(e)
        }
        return JSONValue.array(events).compactData()
    }

    static func parseAndValidate() -> String {
        let data = bigBatch()
        let validator = Validator(catalogue: .builtIn())
        var findings = 0
        var parse: [Double] = [], validate: [Double] = [], both: [Double] = []
        for _ in 0..<7 {
            var body = JSONValue.null
            parse.append(Measure.seconds {
                guard let parsed = try? JSONParser.parse(data: data) else { fatalError("the batch does not parse") }
                body = parsed
            })
            validate.append(Measure.seconds { findings = validator.validate(body: body, endpoint: .track).count })
            both.append(parse[parse.count - 1] + validate[validate.count - 1])
        }
        return "parse + validate 1,000 events, \(String(format: "%.2f", Double(data.count) / 1_048_576)) MB: "
            + Measure.summary(both) + ", \(findings) findings\n  of which parse " + Measure.summary(parse)
            + "\n  of which validate " + Measure.summary(validate)
    }

    static func sequentialSends(count: Int = 500) async throws -> String {
        let server = SandboxServer()
        let port = try await server.start()
        defer { Task { await server.stop() } }
        let builder = RequestBuilder(target: .sandbox(port: port), apiKey: "bench-key")
        let template = TemplateCatalogue.builtIn().template(named: "signed_up")!
        let sender = HTTPSender()
        var latencies: [Double] = []
        var failures = 0
        // Warm up the connection and the server's code paths first.
        _ = await sender.send(builder.build(endpoint: .track, body: DraftFactory().makeBody(template)))
        let total = await Measure.seconds {
            for _ in 0..<count {
                let report = await sender.send(builder.build(endpoint: .track, body: DraftFactory().makeBody(template)))
                if !report.succeeded { failures += 1 }
                latencies.append(report.final?.latency ?? 0)
            }
        }
        await server.stop()
        return String(format: "sequential sends to the sandbox: %.0f requests/s over %d; latency ", Double(count) / total, count)
            + Measure.summary(latencies) + (failures > 0 ? ", \(failures) FAILED" : "")
    }
}
