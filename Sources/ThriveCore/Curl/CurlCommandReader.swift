import Foundation

/// Walks the words of a curl command (after the shell lexer) and collects what the request will be.
///
/// Option handling follows curl: `--long value`, `--long=value` (leniently), `-X POST`, `-XPOST` and bundled
/// flags such as `-sSL`. Everything that cannot be translated faithfully is an error naming the word and its
/// place, because a silently wrong import would send a different event than the user meant.
struct CurlCommandReader {
    let positions: CurlTextPositions
    let baseDirectory: URL?
    var warnings: [String] = []

    private var urls: [CurlShellWord] = []
    private var method: String?
    private var headers: [Header] = []
    private var dataPieces: [(text: String, mode: CurlDataMode)] = []
    private var queryPieces: [String] = []
    private var useGet = false
    private var useHead = false

    init(positions: CurlTextPositions, baseDirectory: URL?) {
        self.positions = positions
        self.baseDirectory = baseDirectory
    }

    mutating func read(_ words: ArraySlice<CurlShellWord>) throws(CurlImportError) {
        var rest = words[...]
        var optionsEnded = false
        while let word = rest.popFirst() {
            let text = word.text
            if optionsEnded || !text.hasPrefix("-") || text == "-" {
                urls.append(word)
            } else if text == "--" {
                optionsEnded = true
            } else if text.hasPrefix("--") {
                try readLong(word, rest: &rest)
            } else {
                try readShortBundle(word, rest: &rest)
            }
        }
    }

    // MARK: - Options

    private mutating func readLong(_ word: CurlShellWord, rest: inout ArraySlice<CurlShellWord>) throws(CurlImportError) {
        var name = String(word.text.dropFirst(2))
        var inlineValue: String?
        if let eq = name.firstIndex(of: "=") {
            inlineValue = String(name[name.index(after: eq)...])
            name = String(name[..<eq])
        }
        guard let action = CurlOptionTable.action(long: name) else {
            throw error(.unknownOption, "unknown curl option --\(name) at \(place(word)): it cannot be imported safely; remove it or ask for it to be supported", word)
        }
        if !action.takesValue, inlineValue != nil {
            throw error(.unknownOption, "the option --\(name) takes no value (at \(place(word)))", word)
        }
        var value = inlineValue
        if action.takesValue, value == nil { value = try takeValue("--\(name)", after: word, rest: &rest) }
        try apply(action, option: "--\(name)", value: value, word: word)
    }

    private mutating func readShortBundle(_ word: CurlShellWord, rest: inout ArraySlice<CurlShellWord>) throws(CurlImportError) {
        var letters = Substring(word.text.dropFirst())
        while let letter = letters.popFirst() {
            guard let long = CurlOptionTable.short[letter], let action = CurlOptionTable.action(long: long) else {
                throw error(.unknownOption, "unknown curl option -\(letter) at \(place(word)): it cannot be imported safely; remove it or ask for it to be supported", word)
            }
            guard action.takesValue else {
                try apply(action, option: "-\(letter)", value: nil, word: word)
                continue
            }
            // `-XPOST`: the rest of the word is the value; `-sX POST`: the next word is.
            let value = letters.isEmpty ? try takeValue("-\(letter)", after: word, rest: &rest) : String(letters)
            try apply(action, option: "-\(letter)", value: value, word: word)
            return
        }
    }

    private func takeValue(_ option: String, after word: CurlShellWord, rest: inout ArraySlice<CurlShellWord>) throws(CurlImportError) -> String {
        guard let next = rest.popFirst() else {
            throw error(.missingValue, "the option \(option) at \(place(word)) needs a value, but the command ends there", word)
        }
        return next.text
    }

    private mutating func apply(_ action: CurlOptionAction, option: String, value: String?, word: CurlShellWord) throws(CurlImportError) {
        let value = value ?? ""
        switch action {
        case .flag, .skipValue: break
        case .request:
            // An HTTP method is a token (RFC 9110): no blanks, quotes, separators or line breaks.
            let tchars = Set("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".unicodeScalars)
            guard !value.isEmpty, value.unicodeScalars.allSatisfy(tchars.contains) else {
                throw error(.missingValue, "“\(TextPreview.short(value, 30))” after \(option) at \(place(word)) is not an HTTP method; write one like POST", word)
            }
            method = value.uppercased()
        case .header: try addHeader(value, word: word)
        case .url: urls.append(CurlShellWord(text: value, line: word.line, column: word.column))
        case .urlQuery: queryPieces.append(value)
        case .get: useGet = true
        case .head: useHead = true
        case .userAgent: try addHeader("User-Agent: \(value)", word: word)
        case .referer: try addHeader("Referer: \(value)", word: word)
        case .cookie: try addHeader("Cookie: \(value)", word: word)
        case .oauth2Bearer: try addHeader("Authorization: Bearer \(value)", word: word)
        case .data(let mode): dataPieces.append((try dataText(value, mode: mode, option: option, word: word), mode))
        case .unsupported(_, let reason):
            throw error(.unsupportedOption, "\(reason) (at \(place(word)))", word)
        }
    }

    /// `Name: value` adds; `Name;` sends an empty header; `Name:` removes one curl would add; `@file` reads lines.
    private mutating func addHeader(_ raw: String, word: CurlShellWord) throws(CurlImportError) {
        if raw.hasPrefix("@") {
            let text = try readFile(String(raw.dropFirst()), option: "-H", word: word)
            for line in text.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                try addHeader(String(line), word: word)
            }
            return
        }
        // A line break inside a header would end it and start another on the wire (header injection).
        if raw.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
            throw error(.missingValue, "the header “\(TextPreview.short(raw.replacingOccurrences(of: "\n", with: "⏎"), 40))” at \(place(word)) holds a line break; a header is one line", word)
        }
        if let colon = raw.firstIndex(of: ":") {
            let name = raw[..<colon].trimmingCharacters(in: .whitespaces)
            let value = raw[raw.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw error(.missingValue, "the header “\(raw)” at \(place(word)) has no name", word) }
            if value.isEmpty {
                headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            } else {
                headers.append(Header(name, value))
            }
        } else if raw.hasSuffix(";") {
            headers.append(Header(String(raw.dropLast()).trimmingCharacters(in: .whitespaces), ""))
        } else {
            throw error(.missingValue, "the header “\(raw)” at \(place(word)) has no ‘:’; write it as ‘Name: value’", word)
        }
    }

    private func dataText(_ value: String, mode: CurlDataMode, option: String, word: CurlShellWord) throws(CurlImportError) -> String {
        switch mode {
        case .raw:
            return value
        case .ascii, .binary, .json:
            guard value.hasPrefix("@") else { return value }
            let text = try readFile(String(value.dropFirst()), option: option, word: word)
            return mode == .ascii ? text.filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" } : text
        case .urlencode:
            return try urlEncoded(value, option: option, word: word)
        }
    }

    /// `--data-urlencode` forms: `content`, `=content`, `name=content`, `@file`, `name@file`.
    private func urlEncoded(_ value: String, option: String, word: CurlShellWord) throws(CurlImportError) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        func encode(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s }
        if let eq = value.firstIndex(of: "=") {
            let name = String(value[..<eq])
            let content = encode(String(value[value.index(after: eq)...]))
            return name.isEmpty ? content : name + "=" + content
        }
        if let at = value.firstIndex(of: "@") {
            let name = String(value[..<at])
            let content = encode(try readFile(String(value[value.index(after: at)...]), option: option, word: word))
            return name.isEmpty ? content : name + "=" + content
        }
        return encode(value)
    }

    private func readFile(_ path: String, option: String, word: CurlShellWord) throws(CurlImportError) -> String {
        if path == "-" {
            throw error(.fileNotRead, "\(option) @- reads standard input, which an import cannot see (at \(place(word))); paste the data into the command instead", word)
        }
        guard let baseDirectory else {
            throw error(.fileNotRead, "\(option) @\(path) refers to a file (at \(place(word))); paste the file's contents into the command instead", word)
        }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw error(.fileNotRead, "\(option) @\(path): cannot read \(url.path) (at \(place(word)))", word)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw error(.fileNotRead, "\(option) @\(path): \(url.path) is not UTF-8 text", word)
        }
        return text
    }

    // MARK: - Result

    func finish() throws(CurlImportError) -> ImportedRequest {
        guard let urlWord = urls.first else {
            throw CurlImportError(.noURL, "the curl command has no URL; add the address, e.g. https://api.app.thrivestack.ai/api/track")
        }
        if urls.count > 1 {
            let second = urls[1]
            throw error(.multipleURLs, "the curl command has more than one URL (“\(urlWord.text)” and “\(second.text)” at \(place(second))); import one request at a time", second)
        }
        var urlText = urlWord.text
        if !urlText.contains("://") { urlText = "http://" + urlText }
        guard var components = URLComponents(string: urlText), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", components.host?.isEmpty == false else {
            throw error(.invalidURL, "“\(urlWord.text)” at \(place(urlWord)) is not an http or https URL", urlWord)
        }
        var body: String?
        if !dataPieces.isEmpty {
            let separator = dataPieces.allSatisfy { $0.mode == .json } ? "" : "&"
            body = dataPieces.map(\.text).joined(separator: separator)
        }
        var headers = headers
        if dataPieces.contains(where: { $0.mode == .json }) {
            if !headers.contains(where: { $0.name.caseInsensitiveCompare("content-type") == .orderedSame }) {
                headers.append(Header("Content-Type", "application/json"))
            }
            if !headers.contains(where: { $0.name.caseInsensitiveCompare("accept") == .orderedSame }) {
                headers.append(Header("Accept", "application/json"))
            }
        }
        // `-G` moves the data into the query string, as curl does. Characters a URL cannot hold (a space,
        // braces, quotes) are percent-encoded, as curl sends them; Foundation traps on them otherwise.
        var query = queryPieces.map(CurlQuery.urlQueryPiece)
        if useGet, let moved = body { query.append(CurlQuery.encodeInvalid(moved)); body = nil }
        if !query.isEmpty {
            let existing = components.percentEncodedQuery.map { [$0] } ?? []
            components.percentEncodedQuery = (existing + query).joined(separator: "&")
        }
        guard let url = components.url else {
            throw error(.invalidURL, "“\(urlWord.text)” at \(place(urlWord)) is not a valid URL", urlWord)
        }
        let method = method ?? (useHead ? "HEAD" : (useGet || body == nil ? "GET" : "POST"))
        return ImportedRequest(url: url, method: method, headers: headers, bodyText: body, warnings: warnings)
    }

    // MARK: - Messages

    private func place(_ word: CurlShellWord) -> String {
        positions.lineCount == 1 ? "column \(word.column)" : "line \(word.line), column \(word.column)"
    }

    private func error(_ kind: CurlImportError.Kind, _ message: String, _ word: CurlShellWord) -> CurlImportError {
        CurlImportError(kind, message, line: word.line, column: word.column)
    }
}
