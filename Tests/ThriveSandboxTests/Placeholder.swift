import Testing

@Test func thriveSandboxBuilds() { #expect(Bool(true)) }
