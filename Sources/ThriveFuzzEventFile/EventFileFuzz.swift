import Foundation
import ThriveCore
import ThriveFuzzSupport

/// Event files (one JSON value, or NDJSON): the result agrees with the JSON parser, NDJSON written back from the
/// result reads the same, a file whose every non-blank line is one JSON value reads as those values, and errors
/// name the file and a line that exists. The importer (see ImportFuzz.swift) reads the same input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = Fuzz.text(data, size)
    checkEventFile(text)
    checkEventImport(text)
    return 0
}

let fileName = "events.ndjson"

func checkEventFile(_ text: String) {
    // By scalars: "\r\n" is one Character, so splitting the String on "\n" would miss CRLF line ends.
    let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    let result: JSONValue
    do {
        result = try EventFile.parse(text, name: fileName)
    } catch {
        let prefix = "\(fileName): line "
        Fuzz.check(error.message.hasPrefix(prefix), "error does not start with the file name and line: \(Fuzz.show(error.message))")
        let place = error.message.dropFirst(prefix.count).prefix { $0.isNumber }
        if let line = Int(place) {
            let count = text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            Fuzz.check(line >= 1 && line <= count, "error names line \(line) of a \(count)-line text: \(Fuzz.show(error.message))")
        } else {
            Fuzz.fail("error has no line number: \(Fuzz.show(error.message))")
        }
        checkLinesOracle(lines, result: nil, error: error.message)
        return
    }
    _ = EndpointGuess.guess(body: result)

    // Agreement with the JSON parser: one value, or else the sequence.
    if let single = try? JSONParser.parse(text) {
        Fuzz.check(result == single, "EventFile.parse differs from JSONParser.parse on a single value")
    } else {
        guard let values = try? JSONParser.parseSequence(text) else {
            Fuzz.fail("EventFile.parse accepted text that is neither one JSON value nor a sequence")
        }
        Fuzz.check(result == .array(values), "EventFile.parse differs from JSONParser.parseSequence")
        Fuzz.check(values.count >= 2, "a sequence of \(values.count) value(s) that is not a single value")
        // Written back as NDJSON (compact, one per line, CRLF or LF) it reads the same.
        for separator in ["\n", "\r\n"] {
            let ndjson = values.map { $0.compact() }.joined(separator: separator) + separator
            do {
                let back = try EventFile.parse(ndjson, name: fileName)
                Fuzz.check(back == result, "NDJSON written from the result reads back different")
            } catch {
                Fuzz.fail("NDJSON written from the result does not read back: \(error.message)")
            }
        }
    }
    checkLinesOracle(lines, result: result, error: nil)
}

/// When every non-blank line is exactly one JSON value and there are two or more, the file is NDJSON of them.
private func checkLinesOracle(_ lines: [String], result: JSONValue?, error: String?) {
    var values: [JSONValue] = []
    for (k, line) in lines.enumerated() where !line.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
        // A byte order mark is skipped at the start of the file only; one on a later line is not JSON.
        if k > 0, line.unicodeScalars.first == "\u{FEFF}" { return }
        guard let v = try? JSONParser.parse(line) else { return }
        values.append(v)
    }
    guard values.count >= 2 else { return }
    if let error { Fuzz.fail("every line is one JSON value, yet the file was refused: \(Fuzz.show(error))") }
    Fuzz.check(result == .array(values), "every line is one JSON value, yet the file read as something else")
}
