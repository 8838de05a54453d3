import Testing
@testable import ThriveUI

@Suite("Scroll model")
struct ScrollStateTests {
    @Test func aListKeepsItsSelectionInViewAndMovesOnlyAsFarAsNeeded() {
        var s = ScrollState(.list)
        s.resize(count: 100, height: 10)
        s.move(12)
        #expect(s.selection == 12 && s.offset == 3)
        s.move(-5)
        #expect(s.selection == 7 && s.offset == 3, "the window stays put while the selection is in view")
        s.apply(.pageDown)
        #expect(s.selection == 16 && s.page == 9)
        s.apply(.bottom)
        #expect(s.selection == 99 && s.offset == 90 && s.visible == 90..<100)
        s.apply(.down)
        #expect(s.selection == 99, "no overshoot past the end")
        s.apply(.top)
        #expect(s.selection == 0 && s.offset == 0)
    }

    @Test func aViewportScrollsItsWindowAndClamps() {
        var s = ScrollState(.viewport)
        s.resize(count: 30, height: 10)
        s.apply(.bottom)
        #expect(s.offset == 20 && s.isAtBottom)
        s.apply(.pageDown)
        #expect(s.offset == 20)
        s.apply(.up)
        #expect(s.offset == 19, "one ↑ moves at once after End")
        s.resize(count: 5, height: 10)
        #expect(s.offset == 0, "shrinking content pulls the window back")
    }

    @Test func followingTheBottomStopsWhenTheUserScrollsBack() {
        var s = ScrollState(.list, tracksBottom: true)
        s.resize(count: 20, height: 5)
        #expect(s.selection == 19 && s.followsBottom)
        s.resize(count: 21)
        #expect(s.selection == 20, "a new row is followed")
        s.apply(.pageUp)
        #expect(!s.followsBottom)
        s.resize(count: 22)
        #expect(s.selection == 16, "a user who scrolled back is not yanked")
        s.scroll(100)
        #expect(s.offset == 17 && s.selection == 17, "the wheel pulls the selection into view, no further")
        s.apply(.bottom)
        #expect(s.followsBottom && s.selection == 21)
    }

    @Test func aCentredListCentresTheSelection() {
        var s = ScrollState(.centredList)
        s.resize(count: 40, height: 10)
        s.select(20)
        #expect(s.offset == 15)
        s.select(39)
        #expect(s.offset == 30)
    }

    @Test func aFormDoesNotFollowGrowth() {
        var s = ScrollState(.list)
        s.resize(count: 10, height: 5)
        s.apply(.bottom)
        s.resize(count: 12)
        #expect(s.selection == 9, "rows added below the cursor leave it where it is")
    }
}
