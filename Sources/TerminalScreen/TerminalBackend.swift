/// What the UI loop needs from a terminal, like ratatui's `Backend`: the ncurses backend implements it for
/// real terminals, and `TestBackend` in memory, so tests drive the real loop with scripted input.
///
/// Every call but `waker.wake()` comes from the one thread that runs the loop.
public protocol TerminalBackend: AnyObject {
    func size() -> Size
    /// Waits for input and returns it decoded: blocks until a key, paste, mouse report or resize arrives,
    /// `waker` is woken, or `timeout` passes (nil waits without limit). Returns nothing on a wake-up or timeout.
    func nextEvents(timeout: Duration?) -> [TerminalEvent]
    /// Makes `nextEvents` return; safe to use from any thread.
    var waker: any TerminalWaker { get }
    func draw(_ buffer: CellBuffer)
    /// Switches theme: every cell is repainted with the new colours on the next `draw`.
    func setPalette(_ palette: Palette)
    /// Gives the terminal back to the shell and stops the process until it is continued (Ctrl-Z).
    func suspend()
    /// Restores the terminal; nothing is drawn or read afterwards.
    func shutdown()
    /// Puts text on the system clipboard (OSC 52).
    func setClipboard(_ text: String)
    /// Gives the terminal to another program (an editor) while `body` runs, then takes it back and repaints.
    func runOutside(_ body: () -> Void)
}

extension TerminalBackend {
    /// Backends without a clipboard (tests that do not look) drop the text.
    public func setClipboard(_ text: String) {}
    /// Backends without a real terminal just run `body`.
    public func runOutside(_ body: () -> Void) { body() }
}

/// Wakes a loop blocked in `TerminalBackend.nextEvents` from any thread.
public protocol TerminalWaker: Sendable {
    func wake()
}
