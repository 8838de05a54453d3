import ThriveCore
import ThriveFuzzSupport

/// `EventImport.parse` on any text: numbers run 1… without gaps, every position names a line that exists, every
/// problem says something, and a clean JSON/NDJSON import holds what `EventFile.parse` read (arrays flattened,
/// since an NDJSON line holding an array contributes its elements).
func checkEventImport(_ text: String) {
    let name = "pasted.ndjson"
    let set = EventImport.parse(text, name: name, firstNumber: 1)
    let lineCount = text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    Fuzz.check(set.events.map(\.number) == Array(stride(from: 1, through: set.events.count, by: 1)),
               "event numbers are not 1…\(set.events.count)")
    for position in set.events.map(\.position) + set.problems.map(\.position) {
        Fuzz.check(position.file == name, "a position names another file: \(Fuzz.show(position.description))")
        if let line = position.line {
            Fuzz.check(line >= 1 && line <= lineCount, "position line \(line) of a \(lineCount)-line text")
        }
    }
    for problem in set.problems {
        Fuzz.check(!problem.message.isEmpty, "a problem without a message at \(problem.position)")
    }
    for key in set.foundKeys where !key.isEmpty {
        for problem in set.problems {
            Fuzz.check(!problem.message.contains(key), "a found key is quoted in a problem: \(Fuzz.show(problem.description))")
        }
    }
    _ = set.events.map(\.fingerprint)
    guard set.problems.isEmpty, set.formats == [.json] || set.formats == [.ndjson],
          let read = try? EventFile.parse(text, name: name) else { return }
    var expected: [JSONValue] = []
    if set.formats == [.json] {
        if case .array(let items) = read { expected = items } else { expected = [read] }
    } else {
        for value in read.arrayValue ?? [read] {
            if case .array(let items) = value { expected += items } else { expected.append(value) }
        }
    }
    Fuzz.check(set.events.map(\.event) == expected, "a clean import differs from EventFile.parse")
}
