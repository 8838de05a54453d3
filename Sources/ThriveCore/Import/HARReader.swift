import Foundation

/// A browser devtools HAR export: the POST requests to `/api/track`, `/api/identify` and `/api/group`, each
/// body's events positioned at the request's entry number. Page loads and other requests are counted in
/// `skipped`; an entry that should be an event request but cannot be read is a problem naming its entry.
enum HARReader {
    static func isHAR(_ value: JSONValue) -> Bool {
        value["log"]?["entries"]?.arrayValue != nil
    }

    static func read(_ value: JSONValue, into sink: inout ImportSink) {
        let entries = value["log"]?["entries"]?.arrayValue ?? []
        for (k, entry) in entries.enumerated() {
            let position = SourcePosition(file: sink.name, entry: k + 1)
            guard let request = entry["request"], request.objectValue != nil else {
                sink.problem(position, entry.objectValue == nil ? "the entry is \(entry.typeNameWithArticle), not an object"
                                                                : "the entry has no request object")
                continue
            }
            guard let method = request["method"]?.stringValue, let url = request["url"]?.stringValue else {
                sink.problem(position, "the request has no method or url")
                continue
            }
            guard method.uppercased() == "POST", let endpoint = endpoint(of: url) else {
                sink.set.skipped += 1
                continue
            }
            sink.foundKey(key(in: request["headers"]))
            guard let text = request["postData"]?["text"]?.stringValue else {
                sink.problem(position, "the POST to \(endpoint.path) has no body (postData.text)")
                continue
            }
            do {
                sink.addBody(try JSONParser.parse(text), endpoint: endpoint, at: position)
            } catch {
                sink.problem(position, "the body of the POST to \(endpoint.path) is not valid JSON: \(error.description)")
            }
        }
    }

    /// The endpoint when the URL's path ends in `/api/track|identify|group` (a query string is fine).
    static func endpoint(of url: String) -> Endpoint? {
        var path = Substring(url)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        while path.hasSuffix("/") { path = path.dropLast() }
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[parts.count - 2].lowercased() == "api" else { return nil }
        return Endpoint(rawValue: parts[parts.count - 1].lowercased())
    }

    /// The key from `x-api-key` (preferred, as the API does) or `Authorization: Bearer`.
    static func key(in headers: JSONValue?) -> String? {
        var bearer: String?
        for header in headers?.arrayValue ?? [] {
            guard let name = header["name"]?.stringValue?.lowercased(), let value = header["value"]?.stringValue else { continue }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if name == "x-api-key", !trimmed.isEmpty { return trimmed }
            if name == "authorization" {
                let parts = trimmed.split(separator: " ", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == "bearer" { bearer = parts[1].trimmingCharacters(in: .whitespaces) }
            }
        }
        return bearer
    }
}
