import Foundation
import ThriveCore
import ThriveFuzzSupport

/// JSON parser and printers: any bytes either fail to parse with an in-range line:column, or parse to a value whose
/// compact and pretty forms parse back to the same value and print back to the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkJSON(Fuzz.bytes(data, size))
    return 0
}

func checkJSON(_ bytes: [UInt8]) {
    let validUTF8 = String(validating: bytes, as: UTF8.self)
    let value: JSONValue
    do {
        value = try JSONParser.parse(data: Data(bytes))
    } catch {
        checkErrorPlace(error, bytes)
        if let text = validUTF8 {
            do {
                let other = try JSONParser.parse(text)
                Fuzz.fail("parse(data:) failed (\(error)) but parse(String) gave \(Fuzz.show(other.compact()))")
            } catch {}
        }
        return
    }
    // The String entry point agrees with the bytes one (a value parsed, so the text is valid UTF-8).
    guard let text = validUTF8 else { Fuzz.fail("parsed a value from bytes that are not valid UTF-8") }
    do {
        let again = try JSONParser.parse(text)
        Fuzz.check(again == value, "parse(String) and parse(data:) disagree")
    } catch {
        Fuzz.fail("parse(data:) succeeded but parse(String) failed: \(error)")
    }

    let compact = value.compact()
    Fuzz.check(value.compactByteCount == compact.utf8.count,
               "compactByteCount \(value.compactByteCount) != compact().utf8.count \(compact.utf8.count)")
    Fuzz.check(value.compactData() == Data(compact.utf8), "compactData() differs from compact()")
    let fromCompact = reparse(compact, "compact()")
    Fuzz.check(fromCompact == value, "compact() parses to a different value: \(Fuzz.show(compact))")
    Fuzz.check(fromCompact.compact() == compact, "compact() is not a fixed point: \(Fuzz.show(compact))")

    let pretty = value.pretty()
    let fromPretty = reparse(pretty, "pretty()")
    Fuzz.check(fromPretty == value, "pretty() parses to a different value: \(Fuzz.show(pretty))")
    Fuzz.check(fromPretty.compact() == compact, "pretty() then compact() differs from compact()")
    Fuzz.check(value.prettyLines().map { $0.map(\.text).joined() }.joined(separator: "\n") == pretty,
               "prettyLines() joined differs from pretty()")
    let pretty4 = value.pretty(indent: 4)
    Fuzz.check(reparse(pretty4, "pretty(indent: 4)") == value, "pretty(indent: 4) parses to a different value")

    // Sequences (NDJSON): the input alone is a one-value sequence; printed forms in a row read back in order.
    do {
        let one = try JSONParser.parseSequence(text)
        Fuzz.check(one == [value], "parseSequence(input) gave \(one.count) values, not [value]")
        let many = try JSONParser.parseSequence(compact + "\n" + pretty + "\r\n" + pretty4 + " " + compact + "\n")
        Fuzz.check(many == [value, value, value, value], "parseSequence of printed forms gave \(many.count) values")
    } catch {
        Fuzz.fail("parseSequence failed on text that parses as one value or on printed forms: \(error)")
    }

    checkKeysKept(value, bytes)
    checkPointers(value)
}

/// Every object keeps one member per key written in the text, keys compared by exact code points: a second scan
/// of the text finds each object's keys, and the parsed objects, in the same (document) order, must have as many.
/// Texts with a key written twice in one object are left out: there the later value replaces the earlier one,
/// objects inside it included, so the objects no longer line up.
private func checkKeysKept(_ value: JSONValue, _ bytes: [UInt8]) {
    var written: [[[UInt8]]] = []   // per object, in order of its '{': its keys' UTF-8
    var stack: [Int?] = []          // per open container: its index in `written`, nil for arrays
    var i = 0
    var expectKey = false
    while i < bytes.count {
        let b = bytes[i]
        switch b {
        case UInt8(ascii: "{"):
            stack.append(written.count); written.append([]); expectKey = true; i += 1
        case UInt8(ascii: "["):
            stack.append(nil); expectKey = false; i += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            stack.removeLast(); expectKey = false; i += 1
        case UInt8(ascii: ","):
            expectKey = stack.last.map { $0 != nil } ?? false; i += 1
        case UInt8(ascii: "\""):
            let start = i
            i += 1
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
            i += 1
            if expectKey, let top = stack.last, let object = top {
                guard case .string(let key)? = try? JSONParser.parse(bytes: Array(bytes[start..<i])) else {
                    Fuzz.fail("a key of the parsed text does not parse as a string")
                }
                let utf8 = Array(key.utf8)
                if written[object].contains(utf8) { return }
                written[object].append(utf8)
                expectKey = false
            }
        default:
            i += 1
        }
    }
    var parsed: [JSONObject] = []
    func collect(_ v: JSONValue) {
        switch v {
        case .object(let o): parsed.append(o); for m in o { collect(m.value) }
        case .array(let items): items.forEach(collect)
        default: break
        }
    }
    collect(value)
    Fuzz.check(parsed.count == written.count, "the text has \(written.count) objects, the value \(parsed.count)")
    for (o, keys) in zip(parsed, written) {
        Fuzz.check(o.count == keys.count,
                   "an object written with \(keys.count) different keys parsed to \(o.count) members: \(o.keys.map { Fuzz.show($0) })")
    }
}

private func reparse(_ printed: String, _ what: String) -> JSONValue {
    do { return try JSONParser.parse(printed) } catch {
        Fuzz.fail("\(what) output does not parse (\(error)): \(Fuzz.show(printed))")
    }
}

/// A parse error names a place inside the text: line 1…(newlines + 1), column ≥ 1, offset within the bytes.
private func checkErrorPlace(_ error: JSONParseError, _ bytes: [UInt8]) {
    let lines = bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    Fuzz.check(error.offset >= 0 && error.offset <= bytes.count, "error offset \(error.offset) outside 0…\(bytes.count)")
    Fuzz.check(error.line >= 1 && error.line <= lines, "error line \(error.line) outside 1…\(lines)")
    Fuzz.check(error.column >= 1, "error column \(error.column) < 1")
    Fuzz.check(!error.message.isEmpty, "empty error message")
}

/// Every path into the value reads back what is there, setting a value to itself changes nothing, a pointer
/// survives printing and parsing, and removing an object member leaves the rest in order.
private func checkPointers(_ value: JSONValue) {
    var paths: [JSONPointer] = []
    func walk(_ v: JSONValue, _ p: JSONPointer) {
        guard paths.count < 4_000 else { return }
        paths.append(p)
        switch v {
        case .array(let items): for (k, item) in items.enumerated() { walk(item, p.appending(k)) }
        case .object(let o): for m in o { walk(m.value, p.appending(m.key)) }
        default: break
        }
    }
    walk(value, JSONPointer())
    // Sets copy the value, so check a spread of paths rather than all of them on big inputs.
    let step = max(1, paths.count / 48)
    for p in stride(from: 0, to: paths.count, by: step).map({ paths[$0] }) {
        Fuzz.check(exact(JSONPointer(parsing: p.description).tokens, p.tokens), "pointer \(Fuzz.show(p.description)) does not parse back")
        guard let here = value[pointer: p] else { Fuzz.fail("no value at its own path \(Fuzz.show(p.description))") }
        var copy = value
        Fuzz.check(copy.set(here, at: p), "set at an existing path \(Fuzz.show(p.description)) failed")
        Fuzz.check(copy == value, "setting the value at \(Fuzz.show(p.description)) to itself changed the document")
        if let parent = p.parent, let key = p.last, case .object(let o)? = value[pointer: parent] {
            var removed = value
            Fuzz.check(removed.set(nil, at: p), "removing \(Fuzz.show(p.description)) failed")
            guard case .object(let after)? = removed[pointer: parent] else { Fuzz.fail("removing a member changed its parent's type") }
            Fuzz.check(exact(after.keys, o.keys.filter { !exact([$0], [key]) }), "removing \(Fuzz.show(key)) did not leave the other keys in order")
        }
    }
}

/// Keys and pointer tokens compare by exact code points: NFC and NFD spellings are different keys in JSON.
private func exact(_ a: [String], _ b: [String]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.unicodeScalars.elementsEqual($1.unicodeScalars) }
}
