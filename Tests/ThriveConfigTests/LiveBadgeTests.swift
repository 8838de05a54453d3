import Foundation
import TerminalScreen
import Testing
@testable import ThriveConfig

/// The LIVE badge must alarm in every theme: never the sandbox's calm paint, always bold (monochrome has only
/// attributes to alarm with, so it adds bold to the sandbox's reverse).
@Suite("The LIVE badge in every theme")
struct LiveBadgeTests {
    @Test(arguments: ShippedThemesTests.files)
    func liveIsBoldAndUnlikeTheSandbox(file: String) throws {
        guard let theme = try ShippedThemesTests.load(file) else { return }
        let live = try #require(theme.palette.paints[.liveBadge]), sandbox = try #require(theme.palette.paints[.sandboxBadge])
        #expect(live != sandbox, "\(file): LIVE looks like SANDBOX")
        #expect(live.attributes.contains(.bold), "\(file): LIVE is not bold")
        if file != "monochrome.yaml" {
            #expect(live.color != sandbox.color, "\(file): LIVE has the sandbox's colour")
            #expect(live.color != theme.palette.paints[.success]?.color, "\(file): LIVE has the colour of success")
        }
    }
}
