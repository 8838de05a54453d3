import TerminalScreen

/// The rows of a text overlay. Usually an array; for a big response body, the body's rows are cut from its laid-out
/// text when they are drawn, so opening 10 MB costs one pass over bytes rather than a run array per row.
public struct OverlayLines: RandomAccessCollection, Sendable, Equatable {
    private let head: [StyledLine]
    private let body: BigBody?

    public init(_ rows: [StyledLine]) { head = rows; body = nil }
    init(head: [StyledLine], body: BigBody) { self.head = head; self.body = body }

    public var startIndex: Int { 0 }
    public var endIndex: Int { head.count + (body?.rowCount ?? 0) }

    public subscript(i: Int) -> StyledLine {
        i < head.count ? head[i] : body?.row(i - head.count) ?? []
    }

    public static func == (a: OverlayLines, b: OverlayLines) -> Bool { a.head == b.head && a.body === b.body }
}
