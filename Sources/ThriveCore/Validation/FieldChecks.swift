import Foundation

/// Checks one present value against its field spec: type, allowed values, timestamp shape.
struct FieldChecks {
    var now: Date

    /// `1e999999` is valid JSON text, but every reader that turns it into a double gets infinity.
    func outOfRange(_ n: JSONNumber, name: String, at path: JSONPointer) -> [Finding] {
        guard !n.doubleValue.isFinite else { return [] }
        return [Finding(.error, .wrongType, at: path, "\(name) is \(TextPreview.short(n.text, 24)), too large for a number: readers of this JSON get infinity")]
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
