/// How a `-d`-like option turns its value into body text.
enum CurlDataMode: Sendable, Equatable {
    /// `-d`, `--data`, `--data-ascii`: `@file` is read with CR and LF removed.
    case ascii
    /// `--data-binary`: `@file` is read as is.
    case binary
    /// `--data-raw`: `@` has no meaning.
    case raw
    /// `--data-urlencode`: `content`, `=content`, `name=content`, `@file`, `name@file`.
    case urlencode
    /// `--json`: like `--data-binary`, pieces joined without `&`, adds JSON content-type and accept headers.
    case json
}

/// What the importer does with one curl option.
enum CurlOptionAction: Sendable, Equatable {
    /// Does not change the request (`-s`, `-L`, `-k`, …); takes no value.
    case flag
    /// Does not change the request (`-o FILE`, `--max-time N`, …); its value is skipped.
    case skipValue
    case request, header, url, urlQuery, get, head, userAgent, referer, cookie, oauth2Bearer
    case data(CurlDataMode)
    /// Deliberately not translated; the message says why and what to do instead.
    case unsupported(takesValue: Bool, reason: String)

    var takesValue: Bool {
        switch self {
        case .flag, .get, .head: return false
        case .unsupported(let takesValue, _): return takesValue
        default: return true
        }
    }
}

/// The curl options the importer knows, by long name, and the single-letter aliases.
///
/// Only options that are known can be skipped safely: for an unknown one the importer cannot tell whether
/// the next word is its value or the URL, so it refuses with a message naming it.
enum CurlOptionTable {
    static let short: [Character: String] = [
        "X": "request", "H": "header", "d": "data", "G": "get", "I": "head", "A": "user-agent", "e": "referer",
        "b": "cookie", "u": "user", "F": "form", "T": "upload-file", "K": "config", ":": "next",
        "o": "output", "m": "max-time", "w": "write-out", "x": "proxy", "U": "proxy-user", "D": "dump-header",
        "c": "cookie-jar", "C": "continue-at", "r": "range", "z": "time-cond", "y": "speed-time",
        "Y": "speed-limit", "E": "cert", "Q": "quote", "t": "telnet-option", "P": "ftp-port",
        "L": "location", "s": "silent", "S": "show-error", "v": "verbose", "i": "include", "k": "insecure",
        "f": "fail", "N": "no-buffer", "#": "progress-bar", "4": "ipv4", "6": "ipv6", "g": "globoff",
        "j": "junk-session-cookies", "O": "remote-name", "J": "remote-header-name", "R": "remote-time",
        "l": "list-only", "n": "netrc", "q": "disable", "Z": "parallel", "M": "manual", "V": "version",
        "h": "help", "0": "http1.0", "1": "tlsv1", "2": "sslv2", "3": "sslv3", "a": "append", "B": "use-ascii",
        "p": "proxytunnel",
    ]

    static func action(long name: String) -> CurlOptionAction? {
        if let a = special[name] { return a }
        if flags.contains(name) { return .flag }
        if valued.contains(name) { return .skipValue }
        if name.hasPrefix("no-"), flags.contains(String(name.dropFirst(3))) { return .flag }
        return nil
    }

    private static let special: [String: CurlOptionAction] = [
        "request": .request, "header": .header, "url": .url, "url-query": .urlQuery, "get": .get, "head": .head,
        "user-agent": .userAgent, "referer": .referer, "cookie": .cookie, "oauth2-bearer": .oauth2Bearer,
        "data": .data(.ascii), "data-ascii": .data(.ascii), "data-binary": .data(.binary),
        "data-raw": .data(.raw), "data-urlencode": .data(.urlencode), "json": .data(.json),
        "user": .unsupported(takesValue: true, reason: "basic auth (-u/--user) is not supported: the ThriveStack API takes its key in a header; use --header 'x-api-key: KEY' instead"),
        "form": .unsupported(takesValue: true, reason: "multipart forms (-F/--form) are not supported: the ThriveStack API takes a JSON body; use --data '[…]' instead"),
        "form-string": .unsupported(takesValue: true, reason: "multipart forms (--form-string) are not supported: the ThriveStack API takes a JSON body; use --data '[…]' instead"),
        "upload-file": .unsupported(takesValue: true, reason: "uploads (-T/--upload-file) are not supported; put the body in --data '[…]' instead"),
        "config": .unsupported(takesValue: true, reason: "config files (-K/--config) are not read; paste the options from the file into the command"),
        "next": .unsupported(takesValue: false, reason: "-:/--next makes more than one request; import one request at a time"),
        "variable": .unsupported(takesValue: true, reason: "curl variables (--variable) are not supported; write the values into the command"),
        "aws-sigv4": .unsupported(takesValue: true, reason: "AWS signing (--aws-sigv4) is not supported"),
    ]

    private static let flags: Set<String> = [
        "location", "location-trusted", "silent", "show-error", "verbose", "include", "insecure", "fail",
        "fail-with-body", "fail-early", "no-buffer", "buffer", "progress-bar", "no-progress-meter", "progress-meter",
        "http1.0", "http1.1", "http2", "http2-prior-knowledge", "http3", "http3-only", "http0.9", "ipv4", "ipv6",
        "globoff", "junk-session-cookies", "remote-name", "remote-name-all", "remote-header-name", "remote-time",
        "netrc", "netrc-optional", "disable", "raw", "tcp-nodelay", "tcp-fastopen", "keepalive", "no-keepalive",
        "sessionid", "no-sessionid", "alpn", "no-alpn", "npn", "no-npn", "ssl", "ssl-reqd", "path-as-is", "tr-encoding",
        "parallel", "parallel-immediate", "create-dirs", "post301", "post302", "post303", "manual", "version", "help",
        "digest", "basic", "ntlm", "ntlm-wb", "negotiate", "anyauth", "styled-output", "retry-connrefused",
        "retry-all-errors", "proxy-insecure", "cert-status", "false-start", "compressed", "compressed-ssh",
        "tlsv1", "tlsv1.0", "tlsv1.1", "tlsv1.2", "tlsv1.3", "sslv2", "sslv3", "xattr", "suppress-connect-headers",
        "append", "use-ascii", "list-only", "ca-native", "ssl-no-revoke", "ssl-revoke-best-effort", "ssl-allow-beast",
        "proxy-ca-native", "doh-insecure", "show-headers", "skip-existing", "remove-on-error", "clobber",
        "ignore-content-length", "haproxy-protocol", "disallow-username-in-url", "proxytunnel", "trace-time",
        "trace-ids", "ssl-auto-client-cert", "http2-no-server-push", "mptcp", "insecure-proxy",
    ]

    private static let valued: Set<String> = [
        "output", "output-dir", "max-time", "connect-timeout", "retry", "retry-delay", "retry-max-time", "write-out",
        "proxy", "proxy-user", "resolve", "connect-to", "max-redirs", "cacert", "capath", "cert", "key", "cert-type",
        "key-type", "pass", "ciphers", "tls13-ciphers", "curves", "interface", "limit-rate", "speed-time",
        "speed-limit", "dns-servers", "dns-interface", "dns-ipv4-addr", "dns-ipv6-addr", "dump-header", "trace",
        "trace-ascii", "trace-config", "stderr", "cookie-jar", "continue-at", "range", "time-cond", "keepalive-time",
        "expect100-timeout", "max-filesize", "proto", "proto-redir", "proto-default", "happy-eyeballs-timeout-ms",
        "noproxy", "preproxy", "proxy-header", "unix-socket", "abstract-unix-socket", "local-port", "tls-max",
        "etag-save", "etag-compare", "pinnedpubkey", "crlfile", "parallel-max", "rate", "sasl-authzid",
        "service-name", "socks4", "socks4a", "socks5", "socks5-hostname", "request-target", "quote",
        "telnet-option", "ftp-port", "random-file", "egd-file", "login-options", "mail-from", "mail-rcpt",
        "mail-auth", "doh-url", "alt-svc", "hsts", "ip-tos", "vlan-priority", "retry-max-time",
    ]
}
