import Testing

@Test func terminalScreenBuilds() { #expect(Bool(true)) }
