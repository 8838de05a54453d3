import Foundation
import Testing
@testable import ThriveCore

@Suite("Curl export")
struct CurlExportTests {
    let key = "ts_live_abcdefgh12345678WXYZ"

    func request(auth: AuthStyle = .apiKey, body: String = #"[{"event_name":"signed_up","user_id":"u-1","properties":{"user_name":"Jo O'Neil","quote":"say \"hi\"","n":1.50}}]"#) throws -> APIRequest {
        RequestBuilder(target: .live, auth: auth, apiKey: key).build(endpoint: .track, body: try JSONParser.parse(body))
    }

    @Test func keyIsMaskedUnlessRevealed() throws {
        let masked = CurlExport.curl(try request())
        #expect(!masked.contains(key))
        #expect(masked.contains("--header 'x-api-key: \(SecretMask.mask(key))'"))
        #expect(SecretMask.mask(key) == "••••••••WXYZ")
        let revealed = CurlExport.curl(try request(), revealSecrets: true)
        #expect(revealed.contains("--header 'x-api-key: \(key)'"))
        let bearer = CurlExport.curl(try request(auth: .bearer))
        #expect(!bearer.contains(key))
        #expect(bearer.contains("--header 'Authorization: Bearer ••••••••WXYZ'"))
    }

    @Test func looksLikeTheDocs() throws {
        let text = CurlExport.curl(try request())
        let lines = text.components(separatedBy: "\n")
        #expect(lines[0] == "curl --location 'https://api.app.thrivestack.ai/api/track' \\")
        #expect(lines[1] == "--header 'accept: */*' \\")
        #expect(lines.contains { $0.hasPrefix("--data-raw '[") })
    }

    @Test(arguments: [AuthStyle.apiKey, .bearer])
    func exportedCurlImportsBackToTheSameRequest(auth: AuthStyle) throws {
        let original = try request(auth: auth)
        let imported = try CurlImport.parse(CurlExport.curl(original, revealSecrets: true))
        #expect(imported.warnings.isEmpty)
        #expect(imported.authStyle == auth)
        #expect(imported.apiKey == key)
        #expect(try imported.apiRequest() == original)
    }

    @Test func quotesInsideTheBodySurvive() throws {
        let original = try request()
        let text = CurlExport.curl(original)
        #expect(text.contains(#"Jo O'\''Neil"#), "single quotes are closed, escaped and reopened")
        let body = try CurlImport.parse(text).requireJSONBody()
        let properties = body.arrayValue?.first?["properties"]
        #expect(properties?["user_name"] == .string("Jo O'Neil"))
        #expect(properties?["quote"] == .string(#"say "hi""#))
        #expect(properties?["n"]?.numberValue?.text == "1.50", "number literals are kept as written")
    }

    @Test func nonPostMethodIsSpelledOut() throws {
        var original = try request()
        original.method = "PUT"
        let text = CurlExport.curl(original, revealSecrets: true)
        #expect(text.hasPrefix("curl --location --request PUT 'https://"))
        #expect(try CurlImport.parse(text).apiRequest() == original)
    }

    @Test func httpieMasksTooAndKeepsTheBody() throws {
        let text = CurlExport.httpie(try request())
        #expect(!text.contains(key))
        #expect(text.contains("'x-api-key:••••••••WXYZ'"))
        #expect(text.hasPrefix("printf '%s' '[{"))
        #expect(text.contains("| http POST 'https://api.app.thrivestack.ai/api/track'"))
    }

    @Test func quoteIsPOSIXSingleQuoting() {
        #expect(CurlExport.quote("plain") == "'plain'")
        #expect(CurlExport.quote("it's") == #"'it'\''s'"#)
        #expect(CurlExport.quote("") == "''")
    }
}
