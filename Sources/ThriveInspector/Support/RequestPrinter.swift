import Foundation
import ThriveCore

/// Prints a request for `--dry-run`: as HTTP text or as code (curl, HTTPie, JavaScript, Python, Go), with the key
/// masked unless revealed. Code goes through `CodeExport`, the same text the UI copies, so both send the app's bytes.
enum RequestPrinter {
    static func render(_ request: APIRequest, format: RequestFormat, reveal: Bool) -> String {
        if let code = format.code { return CodeExport.render(request, as: code, revealSecrets: reveal) }
        let headers = (reveal ? request.headers : request.maskedHeaders).map { "\($0.name): \($0.value)" }
        return ([ "\(request.method) \(request.url.absoluteString)" ] + headers + ["", request.body.pretty()]).joined(separator: "\n")
    }
}
