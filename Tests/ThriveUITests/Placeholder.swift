import Testing

@Test func thriveUIBuilds() { #expect(Bool(true)) }
