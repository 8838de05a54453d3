import Foundation

/// Checks one present value against its field spec: type, allowed values, timestamp shape.
struct FieldChecks {
    var now: Date

    /// `1e999999` is valid JSON text, but every reader that turns it into a double gets infinity.
    func outOfRange(_ n: JSONNumber, name: String, at path: JSONPointer) -> [Finding] {
        guard !n.isFiniteValue else { return [] }
        return [Finding(.error, .wrongType, at: path, "\(name) is \(TextPreview.short(n.text, 24)), too large for a number: readers of this JSON get infinity")]
    }

    /// True exactly when `check` would find nothing. It runs for every present field of every event, so it
    /// builds no name, path or message; `check` runs only when this says no, and words the findings.
    func isClean(_ value: JSONValue, against spec: FieldSpec) -> Bool {
        isClean(value, type: spec.type, itemType: spec.itemType, allowedValues: spec.allowedValues)
    }

    /// The parts of a spec that `isClean` reads, kept apart so a plan need not copy whole specs per event.
    struct Clean {
        var type: FieldType
        var itemType: FieldType?
        var allowedValues: [String]
    }

    func isClean(_ value: JSONValue, against c: Clean) -> Bool {
        isClean(value, type: c.type, itemType: c.itemType, allowedValues: c.allowedValues)
    }

    private func isClean(_ value: JSONValue, type: FieldType, itemType: FieldType?, allowedValues: [String]) -> Bool {
        switch (type, value) {
        case (.string, .string), (.boolean, .bool), (.object, .object): return true
        case (.number, .number(let n)): return n.isFiniteValue
        case (.integer, .number(let n)): return n.isInteger && n.isFiniteValue
        case (.array, .array(let items)):
            // `check` gives items a spec with only the item type: no item type of their own, no allowed values.
            guard let itemType else { return true }
            return items.allSatisfy { isClean($0, type: itemType, itemType: nil, allowedValues: []) }
        case (.enum, .string(let s)): return allowedValues.contains(s)
        case (.date, .string(let s)):
            if Timestamp.isDate(s) { return true }
            if case .valid = Timestamp.read(s) { return true }
            return false
        case (.dateTime, .string(let s)):
            guard case .valid(let date, let hasZone) = Timestamp.read(s) else { return false }
            return hasZone && !(date.timeIntervalSince(now) > Validator.futureTolerance)
        default: return false
        }
    }

    func check(_ value: JSONValue, against spec: FieldSpec, at path: JSONPointer) -> [Finding] {
        let name = spec.name
        func wrong(_ expected: String) -> [Finding] {
            [Finding(.error, .wrongType, at: path, "\(name) must be \(expected), not \(describe(value))")]
        }
        switch spec.type {
        case .string:
            return value.stringValue == nil ? wrong("a string") : []
        case .number:
            guard let n = value.numberValue else { return wrong("a number") }
            return outOfRange(n, name: name, at: path)
        case .integer:
            guard let n = value.numberValue else { return wrong("an integer") }
            return n.isInteger ? outOfRange(n, name: name, at: path) : wrong("an integer")
        case .boolean:
            return value.boolValue == nil ? wrong("true or false") : []
        case .array:
            guard let items = value.arrayValue else { return wrong("an array") }
            guard let itemType = spec.itemType else { return [] }
            let itemSpec = FieldSpec(path: spec.path, type: itemType)
            return items.enumerated().flatMap { k, item in check(item, against: itemSpec, at: path.appending(k)) }
        case .object:
            return value.objectValue == nil ? wrong("an object") : []
        case .enum:
            guard let s = value.stringValue else { return wrong("a string") }
            if spec.allowedValues.contains(s) { return [] }
            let fix = spec.allowedValues.first { $0.caseInsensitiveCompare(s) == .orderedSame }
            return [Finding(.warning, .notInEnum, at: path,
                            "\(name) is \"\(s)\"; expected one of \(spec.allowedValues.joined(separator: ", "))",
                            fix: fix.map { .setValue(at: path, value: .string($0)) })]
        case .date:
            guard let s = value.stringValue else { return wrong("an ISO date string") }
            if Timestamp.isDate(s) { return [] }
            if case .valid = Timestamp.read(s) { return [] }
            return [Finding(.error, .malformedTimestamp, at: path, "\(name) \"\(s)\" is not an ISO date (expected YYYY-MM-DD, e.g. 2024-01-15)")]
        case .dateTime:
            guard let s = value.stringValue else { return wrong("an ISO-8601 timestamp string") }
            switch Timestamp.read(s) {
            case .malformed(let reason):
                return [Finding(.error, .malformedTimestamp, at: path, "\(name) \"\(s)\" is not a valid ISO-8601 time: \(reason)")]
            case .valid(let date, let hasZone):
                var out: [Finding] = []
                if !hasZone {
                    out.append(Finding(.warning, .zonelessTimestamp, at: path,
                                       "\(name) \"\(s)\" has no time zone; add \"Z\" for UTC so it is not misread",
                                       fix: .setValue(at: path, value: .string(s + "Z"))))
                }
                if date.timeIntervalSince(now) > Validator.futureTolerance {
                    out.append(Finding(.warning, .futureTimestamp, at: path,
                                       "\(name) \"\(s)\" is in the future (now is \(Timestamp.format(now)))"))
                }
                return out
            }
        }
    }

    private func describe(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return "the string \(JSONValue.quoted(s.count > 40 ? String(s.prefix(40)) + "…" : s))"
        case .null: return "null"
        default: return "\(v.typeNameWithArticle) (\(String(v.compact().prefix(40))))"
        }
    }
}

extension JSONNumber {
    /// `doubleValue.isFinite`, without converting the usual literal: one with no exponent and at most 300
    /// characters is below 1e300 in magnitude (and, if not zero, above 1e-300), so the answer is known; any
    /// other literal is converted as before.
    var isFiniteValue: Bool {
        var text = text
        let plain = text.withUTF8 { b -> Bool in
            guard b.count <= 300 else { return false }
            var i = 0
            func digits() -> Int { let s = i; while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }; return i - s }
            if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
            if i < b.count, b[i] == UInt8(ascii: ".") { i += 1; guard digits() > 0 else { return false } }
            return i == b.count
        }
        return plain || doubleValue.isFinite
    }
}
