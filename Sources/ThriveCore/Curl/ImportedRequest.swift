import Foundation

/// A request read from a pasted curl command, before it is checked against the ThriveStack API.
///
/// The body is kept exactly as written in `bodyText` even when it is not valid JSON, so the user can fix it;
/// `body` and `bodyError` give the parse result. Endpoint, auth style and key are derived from the URL and
/// headers, so they always agree with them.
public struct ImportedRequest: Sendable, Equatable {
    public let url: URL
    /// As given with `-X`; otherwise `POST` when there is a body, `HEAD` with `-I`, else `GET`.
    public let method: String
    /// Headers in the order given (plus the two `--json` adds when they were not given).
    public let headers: [Header]
    /// The body exactly as curl would send it (several `-d` joined with `&`); nil without `-d`/`--data`/`--json`.
    public let bodyText: String?
    /// The body parsed as JSON; nil when there is no body or it is not valid JSON.
    public let body: JSONValue?
    /// Why `bodyText` is not valid JSON, with line and column inside the body.
    public let bodyError: JSONParseError?
    /// Things that were read leniently or ignored (unexpanded `$VARS`, text after the command, …).
    public let warnings: [String]

    public init(url: URL, method: String, headers: [Header], bodyText: String?, warnings: [String] = []) {
        self.url = url
        self.method = method
        self.headers = headers
        self.bodyText = bodyText
        self.warnings = warnings
        if let bodyText {
            do {
                body = try JSONParser.parse(bodyText)
                bodyError = nil
            } catch {
                body = nil
                bodyError = error
            }
        } else {
            body = nil
            bodyError = nil
        }
    }

    /// The endpoint named by the URL path's last component (`…/api/track` → `.track`).
    public var endpoint: Endpoint? { Endpoint(path: url.path) }

    /// `.apiKey` with an `x-api-key` header (preferred when both are present), `.bearer` with
    /// `Authorization: Bearer …`, nil otherwise.
    public var authStyle: AuthStyle? {
        if header("x-api-key") != nil { return .apiKey }
        return bearerToken != nil ? .bearer : nil
    }

    /// The API key from `x-api-key` or `Authorization: Bearer`, trimmed; nil when absent or empty.
    public var apiKey: String? {
        if let key = header("x-api-key")?.trimmingCharacters(in: .whitespaces) { return key.isEmpty ? nil : key }
        guard let token = bearerToken else { return nil }
        return token.isEmpty ? nil : token
    }

    private var bearerToken: String? {
        guard let value = header("authorization")?.trimmingCharacters(in: .whitespaces) else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard let scheme = parts.first, scheme.lowercased() == "bearer" else { return nil }
        return parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Headers with secrets masked, for display.
    public var maskedHeaders: [Header] {
        headers.map(\.masked)
    }

    /// The body text, or an error for commands that send none (the CLI and UI need one to inspect).
    @discardableResult
    public func requireBody() throws(CurlImportError) -> String {
        guard let bodyText else {
            throw CurlImportError(.noBody, "the curl command has no body (-d/--data/--data-raw)")
        }
        return bodyText
    }

    /// The body as JSON, or an error saying there is none or where it stops being JSON.
    @discardableResult
    public func requireJSONBody() throws(CurlImportError) -> JSONValue {
        try requireBody()
        if let body { return body }
        let error = bodyError ?? JSONParseError(message: "not JSON", line: 1, column: 1, offset: 0)
        throw CurlImportError(.bodyNotJSON(error), "the body is not valid JSON: \(error.description)")
    }

    /// The request to send or inspect: a single object body is wrapped into an array, as the API requires.
    ///
    /// `endpoint` overrides the one from the URL (needed when the path does not end in track/identify/group).
    public func apiRequest(endpoint override: Endpoint? = nil) throws(CurlImportError) -> APIRequest {
        let json = try requireJSONBody()
        guard let endpoint = override ?? endpoint else {
            throw CurlImportError(.unknownEndpoint, "the URL path \(url.path.isEmpty ? "/" : url.path) does not end in /track, /identify or /group; choose the endpoint")
        }
        return APIRequest(method: method, url: url, headers: headers, body: RequestBuilder.normalizedBody(json), endpoint: endpoint)
    }
}
