import Foundation

/// Why a pasted curl command could not be turned into a request.
///
/// `message` is written for the person who pasted the command: it names the option, quote or file that
/// could not be understood, and where it is (line and column, 1-based, columns counting characters).
public struct CurlImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, for code that wants to react differently (e.g. offer a file picker).
    public enum Kind: Sendable, Equatable {
        /// The text does not start with `curl` (nor has a line that does).
        case notCurl
        /// No URL was given, neither as an argument nor with `--url`.
        case noURL
        /// More than one URL: the importer reads one request.
        case multipleURLs
        /// The URL cannot be read, or is not http/https.
        case invalidURL
        /// A quote (`'`, `"` or `$'`) is never closed.
        case unterminatedQuote
        /// An option that needs a value is the last word.
        case missingValue
        /// A curl feature the importer deliberately does not translate (`-u`, `-F`, `-T`, `-K`, …).
        case unsupportedOption
        /// An option the importer does not know; it cannot tell whether it swallows the next word.
        case unknownOption
        /// `@file` / `@-` data or headers that were not (or could not be) read.
        case fileNotRead
        /// Raised by ``ImportedRequest/requireBody()``: there is no `-d`/`--data` body.
        case noBody
        /// Raised by ``ImportedRequest/requireJSONBody()``: the body is not valid JSON.
        case bodyNotJSON(JSONParseError)
        /// Raised by ``ImportedRequest/apiRequest(endpoint:)`` when the URL names no known endpoint.
        case unknownEndpoint
    }

    public let kind: Kind
    public let message: String
    /// Where in the pasted text the problem is, when it has a place.
    public let line: Int?
    public let column: Int?

    public init(_ kind: Kind, _ message: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind; self.message = message; self.line = line; self.column = column
    }

    public var description: String { message }
}

extension CurlImportError: LocalizedError {
    public var errorDescription: String? { message }
}
