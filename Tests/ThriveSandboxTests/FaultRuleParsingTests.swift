import Testing
import ThriveSandbox

@Suite("Fault and latency parsing")
struct FaultRuleParsingTests {
    @Test(arguments: [
        ("429:0.2", FaultRule(.status(429, retryAfter: 1), probability: 0.2)),
        ("429:0.2:retry=3", FaultRule(.status(429, retryAfter: 3), probability: 0.2)),
        ("429:0.2:retry-after=5", FaultRule(.status(429, retryAfter: 5), probability: 0.2)),
        ("429:1:retry=0", FaultRule(.status(429, retryAfter: nil), probability: 1)),
        ("500:0.1", FaultRule(.status(500, retryAfter: nil), probability: 0.1)),
        ("503:10%", FaultRule(.status(503, retryAfter: nil), probability: 0.1)),
        ("hang:0.05", FaultRule(.hang, probability: 0.05)),
        ("DROP:0.1", FaultRule(.drop, probability: 0.1)),
        ("500", FaultRule(.status(500, retryAfter: nil), probability: 1)),
    ])
    func goodFaults(text: String, expected: FaultRule) throws {
        #expect(try FaultRule.parse(text) == expected)
    }

    @Test func descriptionParsesBack() throws {
        let rule = FaultRule(.status(429, retryAfter: 3), probability: 0.25)
        #expect(try FaultRule.parse(rule.description) == rule)
    }

    @Test(arguments: [
        ("", "missing the kind"),
        ("teapot:0.1", "unknown kind \"teapot\""),
        ("200:0.1", "unknown kind \"200\""),
        ("429:1.5", "probability \"1.5\""),
        ("429:abc", "probability \"abc\""),
        ("429:0.2:retry=soon", "retry \"soon\""),
        ("hang:0.1:retry=2", "only applies to HTTP status faults"),
        ("500:0.1:colour=red", "unknown option \"colour=red\""),
    ])
    func badFaults(text: String, mentions: String) {
        do {
            _ = try FaultRule.parse(text)
            Issue.record("\(text) should not parse")
        } catch {
            #expect(error.message.contains(mentions), "\(error.message)")
        }
    }

    @Test func latencies() throws {
        #expect(try Latency.parse("200ms") == Latency(.milliseconds(200)))
        #expect(try Latency.parse("1s") == Latency(.seconds(1)))
        #expect(try Latency.parse("50ms-300ms") == Latency(.milliseconds(50), .milliseconds(300)))
        #expect(try Latency.parse("0.5s").description == "500ms")
        #expect(try Latency.parseDuration("1.5s") == .milliseconds(1500))
    }

    @Test(arguments: [
        ("200", "needs a unit"),
        ("fast", "needs a unit"),
        ("xms", "not a non-negative number"),
        ("300ms-50ms", "start is after its end"),
        ("1ms-2ms-3ms", "expected a duration"),
        ("20m", "needs a unit"),
    ])
    func badLatencies(text: String, mentions: String) {
        do {
            _ = try Latency.parse(text)
            Issue.record("\(text) should not parse")
        } catch {
            #expect(error.message.contains(mentions), "\(error.message)")
        }
    }
}
