import Testing
@testable import ThriveCore

@Suite("Field values: one parser for --set and the form")
struct FieldValueParserTests {
    @Test(arguments: ["true", "yes", "1", "TRUE", " Yes "])
    func booleansTrue(_ text: String) {
        #expect(FieldValueParser.parse(text, as: .boolean) == .success(.bool(true)))
    }

    @Test(arguments: ["false", "no", "0", "No"])
    func booleansFalse(_ text: String) {
        #expect(FieldValueParser.parse(text, as: .boolean) == .success(.bool(false)))
    }

    @Test func wrongBooleanSaysWhat() {
        #expect(FieldValueParser.parse("maybe", as: .boolean) == .failure(FieldValueError("type true or false, not \"maybe\"")))
    }

    @Test func integersMustBeWholeNumbersMustBeNumbers() throws {
        #expect(FieldValueParser.parse("12", as: .integer) == .success(.int(12)))
        #expect(FieldValueParser.parse("1.5", as: .integer) == .failure(FieldValueError("\"1.5\" is not a whole number")))
        #expect(FieldValueParser.parse("1.5", as: .number) == .success(.number(try #require(JSONNumber(literal: "1.5")))))
        #expect(FieldValueParser.parse("12x", as: .number) == .failure(FieldValueError("\"12x\" is not a number")))
    }

    @Test func stringsStayAsTypedUnlessTheFieldHoldsJSON() {
        #expect(FieldValueParser.parse("42", as: .string) == .success(.string("42")))
        #expect(FieldValueParser.parse("42", as: .string, current: .string("x")) == .success(.string("42")))
        #expect(FieldValueParser.parse("[1]", as: .string, current: .int(3)) == .success(.array([.int(1)])))
    }

    @Test func containersMustBeTheirKind() {
        #expect(FieldValueParser.parse("{\"a\":1}", as: .object) == .success(.object(["a": .int(1)])))
        if case .failure(let e) = FieldValueParser.parse("[1]", as: .object) { #expect(e.message.contains("JSON object")) } else { Issue.record("accepted an array as an object") }
        if case .failure(let e) = FieldValueParser.parse("{", as: .array) { #expect(e.message.contains("not valid JSON at column")) } else { Issue.record("accepted bad JSON") }
    }

    @Test func untypedFieldsGuess() {
        #expect(FieldValueParser.parse("3", as: nil) == .success(.int(3)))
        #expect(FieldValueParser.parse("true", as: nil) == .success(.bool(true)))
        #expect(FieldValueParser.parse("null", as: nil) == .success(.null))
        #expect(FieldValueParser.parse("yes", as: nil) == .success(.string("yes")), "an unknown field keeps words as words")
    }
}
