import Foundation

/// Query strings built from `-G` data and `--url-query`, always valid as a URL's percent-encoded query.
enum CurlQuery {
    /// `--url-query` follows `--data-urlencode`: `content` and `=content` encode the content, `name=content`
    /// encodes only the content, and `+content` is taken as it is (made valid, not re-encoded).
    static func urlQueryPiece(_ piece: String) -> String {
        if piece.hasPrefix("+") { return encodeInvalid(String(piece.dropFirst())) }
        if piece.hasPrefix("=") { return encodeAll(String(piece.dropFirst())) }
        if let eq = piece.firstIndex(of: "=") {
            return encodeInvalid(String(piece[..<eq])) + "=" + encodeAll(String(piece[piece.index(after: eq)...]))
        }
        return encodeAll(piece)
    }

    /// Keeps what a query may hold (including `&`, `=` and existing `%XX` escapes) and encodes the rest.
    static func encodeInvalid(_ text: String) -> String { encode(text, keeping: queryAllowed, keepEscapes: true) }

    /// Encodes everything but unreserved characters, as `--data-urlencode` does.
    static func encodeAll(_ text: String) -> String { encode(text, keeping: unreserved, keepEscapes: false) }

    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
    private static let queryAllowed = unreserved.union("!$&'()*+,;=:@/?".utf8)

    private static func encode(_ text: String, keeping allowed: Set<UInt8>, keepEscapes: Bool) -> String {
        let bytes = Array(text.utf8)
        var out = ""
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if allowed.contains(b) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else if keepEscapes, b == UInt8(ascii: "%"), i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) {
                out += "%"
            } else {
                out += String(format: "%%%02X", b)
            }
            i += 1
        }
        return out
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b)
    }
}
