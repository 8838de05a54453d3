import Foundation
import ThriveCore
import ThriveFuzzSupport

/// curl import and export: any text either fails to import with an error, or imports to a request whose export
/// (`CurlExport.curl`, secrets revealed) imports back to the same method, URL, headers and JSON body, and whose
/// export is then a fixed point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkCurl(Fuzz.text(data, size))
    return 0
}

func checkCurl(_ text: String) {
    let first: ImportedRequest
    do {
        first = try CurlImport.parse(text)
    } catch {
        Fuzz.check(!error.message.isEmpty, "an import error without a message")
        if let line = error.line { Fuzz.check(line >= 1, "error line \(line) < 1: \(error.message)") }
        if let column = error.column { Fuzz.check(column >= 1, "error column \(column) < 1: \(error.message)") }
        return
    }
    // What the UI and the CLI read from an import.
    _ = (first.endpoint, first.authStyle, first.apiKey, first.maskedHeaders, first.warnings)
    if let bodyText = first.bodyText {
        Fuzz.check((first.body == nil) != (first.bodyError == nil), "a body needs exactly one of body and bodyError")
        if let body = first.body { Fuzz.check((try? JSONParser.parse(bodyText)) == body, "body is not bodyText parsed") }
    } else {
        Fuzz.check(first.body == nil && first.bodyError == nil, "no bodyText, yet a body or a bodyError")
    }
    guard let request = try? first.apiRequest(endpoint: first.endpoint ?? .track) else { return }
    _ = CurlExport.curl(request)
    _ = CurlExport.httpie(request, revealSecrets: true)

    let exported = CurlExport.curl(request, revealSecrets: true)
    let context = "\n--- input\n\(Fuzz.show(text, limit: 600))\n--- export\n\(Fuzz.show(exported, limit: 600))"
    let second: ImportedRequest
    do {
        second = try CurlImport.parse(exported)
    } catch {
        Fuzz.fail("the export of an imported request does not import: \(error.message)\(context)")
    }
    Fuzz.check(second.method == request.method, "method \(Fuzz.show(request.method)) came back as \(Fuzz.show(second.method))\(context)")
    Fuzz.check(second.url.absoluteString == request.url.absoluteString,
               "URL \(Fuzz.show(request.url.absoluteString)) came back as \(Fuzz.show(second.url.absoluteString))\(context)")
    Fuzz.check(sameHeaders(second.headers, request.headers),
               "headers \(request.headers.map { Fuzz.show($0.name + ": " + $0.value) }) came back as \(second.headers.map { Fuzz.show($0.name + ": " + $0.value) })\(context)")
    Fuzz.check(second.body == request.body, "the body came back different\(context)")
    // After one trip (which may drop blanks around header values) export and import are a fixed point.
    guard let again = try? second.apiRequest(endpoint: request.endpoint) else {
        Fuzz.fail("the re-imported request has no JSON body or endpoint\(context)")
    }
    let exportedAgain = CurlExport.curl(again, revealSecrets: true)
    guard let third = try? CurlImport.parse(exportedAgain), let thirdRequest = try? third.apiRequest(endpoint: request.endpoint) else {
        Fuzz.fail("the second export does not import:\n\(Fuzz.show(exportedAgain, limit: 600))\(context)")
    }
    let exportedThird = CurlExport.curl(thirdRequest, revealSecrets: true)
    Fuzz.check(exportedThird == exportedAgain, "export → import → export is not a fixed point:\n\(Fuzz.show(exportedThird, limit: 600))\n\(Fuzz.show(exportedAgain, limit: 600))\(context)")
}

/// Headers match by name and value, exactly (Unicode scalars, not canonical equivalence: bytes go on the wire),
/// except for what HTTP itself does not keep: blanks around a value (`-A ' x'` sends `x`). A CR in a value (not
/// valid HTTP anyway) comes back as LF: the importer reads every CR of a pasted text as a line break.
private func sameHeaders(_ a: [Header], _ b: [Header]) -> Bool {
    func value(_ h: Header) -> String {
        h.value.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
    return a.count == b.count && zip(a, b).allSatisfy {
        $0.name.unicodeScalars.elementsEqual($1.name.unicodeScalars) && value($0).unicodeScalars.elementsEqual(value($1).unicodeScalars)
    }
}
