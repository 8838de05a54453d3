import Foundation
import ThriveCore

/// Prints a request for `--dry-run`: as HTTP text, curl or HTTPie, with the key masked unless revealed.
enum RequestPrinter {
    static func render(_ request: APIRequest, format: RequestFormat, reveal: Bool) -> String {
        switch format {
        case .curl: return CurlExport.curl(request, revealSecrets: reveal)
        case .httpie: return CurlExport.httpie(request, revealSecrets: reveal)
        case .http:
            let headers = (reveal ? request.headers : request.maskedHeaders).map { "\($0.name): \($0.value)" }
            return ([ "\(request.method) \(request.url.absoluteString)" ] + headers + ["", request.body.pretty()]).joined(separator: "\n")
        }
    }
}
