import ThriveCore

extension ComposerState {
    /// How the UI names event `index` of the draft: "event 13 (line 13)" for an imported one, "event 13" otherwise.
    /// One function, so the form, the dialogs and the batch view never disagree.
    public func label(event index: Int) -> String {
        if let s = sources, s.indices.contains(index) { return s[index].label }
        return "event \(index + 1)"
    }

    /// A finding in words, naming its event: "event 13 (line 13), user_id: is required".
    public func describe(_ f: Finding) -> String {
        guard let k = f.path.tokens.first.flatMap({ Int($0) }) else { return "request: \(f.message)" }
        let inner = JSONPointer(Array(f.path.tokens.dropFirst())).dotted
        return label(event: k) + (inner.isEmpty ? "" : ", \(inner)") + ": \(f.message)"
    }

    /// The worst finding of one event, for the batch view's mark.
    public func worstSeverity(event index: Int) -> Severity? {
        guard eventFindings.indices.contains(index) else { return nil }
        return eventFindings[index].map(\.severity).min()
    }

    /// The field row on a row of the form's list (0 is the first row inside the frame), for clicks.
    public func rowIndex(atRow row: Int) -> Int? {
        guard row >= 0, row < formScroll.height, formScroll.offset + row < rows.count else { return nil }
        return formScroll.offset + row
    }

    /// The shown event as the preview should print it while a field is being typed: with the typed text in
    /// place when it is a valid value for the field, so the preview follows every keystroke before Enter.
    /// Nil when no edit is open or its text is not a value yet.
    public var editedEvent: JSONValue? {
        guard let e = edit, let row = rows.first(where: { $0.path == e.path }),
              case .success(let value) = FieldValueParser.parse(e.line.text, as: row.editKind, current: row.value) else { return nil }
        var ev = event
        ev.set(value, at: e.path)
        return ev
    }
}
