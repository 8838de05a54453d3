import Testing

@Test func thriveNetBuilds() { #expect(Bool(true)) }
