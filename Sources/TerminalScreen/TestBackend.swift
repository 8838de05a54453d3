import Foundation

/// A terminal in memory, for tests: a script feeds it raw input, and it keeps every screen the loop draws.
///
/// Input goes through the same `InputDecoder` as the real terminal's, so a burst of typed keys and a
/// bracketed paste are told apart exactly as they are in a terminal.
///
/// `@unchecked Sendable` is safe: every stored property is read and written only while holding `condition`,
/// and the loop thread and the test thread share nothing else.
public final class TestBackend: TerminalBackend, TerminalWaker, @unchecked Sendable {
    private let condition = NSCondition()
    private var currentSize: Size
    private var reads: [[RawInput]] = []
    private var woken = false
    private var decoder = InputDecoder()
    private var lastScreen: CellBuffer?
    private var frames = 0
    private var palettes: [Palette] = []
    private var suspensions = 0
    private var isShutDown = false
    private var clipboardTexts: [String] = []
    private var outsideRuns = 0

    public init(size: Size) { currentSize = size }

    // MARK: - The script's side

    /// Text arriving in one read, as typed quickly: each character is a key, never a paste.
    public func type(_ text: String) { enqueue(text.unicodeScalars.map { RawInput.scalar($0) }) }

    /// Keys the terminal already decoded (arrows, function keys), in one read.
    public func press(_ keys: Key...) { enqueue(keys.map { RawInput.key($0) }) }

    /// A bracketed paste, as a terminal sends it: start marker, the text, end marker.
    public func paste(_ text: String) { enqueue([.pasteStart] + text.unicodeScalars.map { RawInput.scalar($0) } + [.pasteEnd]) }

    /// The window changes size.
    public func resize(to size: Size) {
        condition.lock()
        currentSize = size
        condition.unlock()
        enqueue([.resize(size)])
    }

    /// The last screen drawn, as text (nil before the first frame).
    public var screenText: String? { locked { lastScreen?.text } }
    public var screen: CellBuffer? { locked { lastScreen } }
    public var frameCount: Int { locked { frames } }
    public var paletteChanges: [Palette] { locked { palettes } }
    public var suspendCount: Int { locked { suspensions } }
    public var didShutDown: Bool { locked { isShutDown } }
    /// Every text the loop put on the clipboard, in order.
    public var clipboard: [String] { locked { clipboardTexts } }
    /// How many times the loop gave the terminal to another program (an editor).
    public var outsideRunCount: Int { locked { outsideRuns } }

    // MARK: - The loop's side

    public func size() -> Size { locked { currentSize } }

    public var waker: any TerminalWaker { self }

    public func setClipboard(_ text: String) { locked { clipboardTexts.append(text) } }

    public func runOutside(_ body: () -> Void) {
        locked { outsideRuns += 1 }
        body()
    }

    public func wake() {
        condition.lock()
        woken = true
        condition.broadcast()
        condition.unlock()
    }

    public func nextEvents(timeout: Duration?) -> [TerminalEvent] {
        let deadline = timeout.map { Date().addingTimeInterval(Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) }
        condition.lock()
        defer { condition.unlock() }
        while reads.isEmpty && !woken {
            if let deadline {
                if !condition.wait(until: deadline) { break }
            } else {
                condition.wait()
            }
        }
        woken = false
        guard !reads.isEmpty else { return [] }
        return decoder.decode(reads.removeFirst())
    }

    public func draw(_ buffer: CellBuffer) {
        condition.lock()
        lastScreen = buffer
        frames += 1
        condition.broadcast()
        condition.unlock()
    }

    public func setPalette(_ palette: Palette) { locked { palettes.append(palette) } }
    public func suspend() { locked { suspensions += 1 } }
    public func shutdown() { locked { isShutDown = true } }

    private func enqueue(_ read: [RawInput]) {
        condition.lock()
        reads.append(read)
        condition.broadcast()
        condition.unlock()
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }
}
