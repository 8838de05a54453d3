import Foundation

/// Writes a request as a shell command a person can paste: curl (as the ThriveStack docs write it) or HTTPie.
///
/// Secrets are masked unless `revealSecrets` is true, so an export pasted into a ticket or chat leaks no key.
/// Quoting is POSIX single quotes, which keep every character literal, so the body arrives byte for byte.
public enum CurlExport {
    /// `curl --location 'URL' --header '…' --data-raw '[…]'`, one option per line like the docs.
    /// `exactBody` writes the compact bytes the app sends (and none for GET, like HTTPSender) instead of the
    /// docs' pretty body: "copy as code" (`CodeExport`) must send the same bytes as the app.
    public static func curl(_ request: APIRequest, revealSecrets: Bool = false, exactBody: Bool = false) -> String {
        // The method is quoted like everything else: an imported one can hold a blank, `#` or `;`.
        var lines = ["curl --location" + (request.method == "POST" ? "" : " --request " + word(request.method)) + " " + quote(request.url.absoluteString)]
        for h in headers(request, revealSecrets) { lines.append("--header " + quote(headerText(h, separator: ": "))) }
        if !exactBody {
            lines.append("--data-raw " + quote(request.body.pretty()))
        } else if request.method != "GET" {
            lines.append("--data-raw " + quote(request.body.compact()))
        }
        return lines.joined(separator: " \\\n")
    }

    /// `http POST URL name:value …` with the body on standard input, HTTPie's way for arrays.
    public static func httpie(_ request: APIRequest, revealSecrets: Bool = false) -> String {
        var words = ["http", word(request.method), quote(request.url.absoluteString)]
        for h in headers(request, revealSecrets) { words.append(quote(headerText(h, separator: ":"))) }
        return "printf '%s' " + quote(request.body.compact()) + " | " + words.joined(separator: " ")
    }

    /// `Name: value`, or `Name;` for an empty value: curl and HTTPie both read `Name:` as "remove the header".
    private static func headerText(_ h: Header, separator: String) -> String {
        h.value.isEmpty ? h.name + ";" : h.name + separator + h.value
    }

    private static func headers(_ request: APIRequest, _ reveal: Bool) -> [Header] {
        reveal ? request.headers : request.maskedHeaders
    }

    /// A plain method name stays bare, as people write it; anything else is quoted.
    static func word(_ s: String) -> String {
        !s.isEmpty && s.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) }) ? s : quote(s)
    }

    /// POSIX single-quoting: `'` becomes `'\''`.
    public static func quote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
