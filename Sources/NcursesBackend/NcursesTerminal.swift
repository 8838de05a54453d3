#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import CTerminalHygiene
import TerminalScreen

/// The real terminal, through ncurses: draws `CellBuffer`s and reads keys, mouse and resizes.
///
/// Not Sendable, on purpose: ncurses keeps global state and is not thread-safe, so create, use and
/// shut down one instance on one thread (the main thread). Other threads reach it only through a
/// `Waker`. Only one instance may be live at a time.
///
/// Terminal hygiene: the terminal is restored by `shutdown()`, at `exit()` (an `atexit` handler),
/// on SIGINT/SIGTERM/SIGHUP (restore, then die of the same signal) and on crashes
/// (SIGSEGV/SIGABRT/SIGILL/SIGBUS/SIGFPE: restore, then re-raise with the previous handler, so the
/// Swift runtime's backtrace still prints on a clean screen). The signal handlers do not call
/// `endwin`, which is not async-signal-safe; they `write` a reset sequence prepared from terminfo
/// and `tcsetattr` the saved shell mode. SIGTSTP is left to ncurses' own handler; in raw mode
/// Ctrl-Z arrives as a key, and the app can call `suspend()`.
public final class NcursesTerminal: TerminalBackend {
    /// How many colours the terminal has and how theme colours are reduced to them.
    public let colorMapper: ColorMapper
    /// False when no UTF-8 locale could be set; non-ASCII text is then drawn as "?".
    public let isUTF8: Bool
    /// True once stdin hung up (the terminal went away); `nextEvents` then only waits for wake-ups.
    public internal(set) var isInputClosed = false

    var styler: CellStyler
    var lastBuffer: CellBuffer?
    var needsFullRedraw = true
    var cursorVisible: Bool?
    var decoder = InputDecoder()
    var pendingEvents: [TerminalEvent] = []
    let keyTable: KeyTable
    let window: UnsafeMutablePointer<WINDOW>
    let capabilities: TerminalCapabilities
    /// Written by the SIGWINCH handler so a resize wakes `poll` whichever thread took the signal.
    let signalPipe: Waker
    /// Wakes `nextEvents` from other threads (a response arrived).
    public let wakePipe: Waker
    let glyphBuffer = UnsafeMutablePointer<wchar_t>.allocate(capacity: GlyphLayout.maxCombining + 2)
    private var isShutDown = false

    /// Takes over the terminal: alternate screen, raw keys (Ctrl-C/S/Z arrive as keys), mouse, colours.
    /// - Throws: `TerminalError.notATerminal` when stdin/stdout are redirected,
    ///   `.unknownTerminal` when TERM is unset or has no terminfo entry.
    public init(palette: Palette) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        isUTF8 = Self.setUpLocale()
        signalPipe = try Waker()
        wakePipe = try Waker()
        cn_save_termios(STDIN_FILENO)
        guard cn_newterm() != nil, let win = cn_stdscr() else {
            throw .unknownTerminal(getenv("TERM").map { String(cString: $0) })
        }
        window = win
        raw()
        noecho()
        nonl()
        keypad(win, true)
        nodelay(win, true)  // reads never block; `nextEvents` waits in poll() instead
        _ = set_escdelay(25)
        var colors = 0
        var defaults = false
        if has_colors() {
            start_color()
            defaults = use_default_colors() == OK
            colors = Int(cn_colors())
        }
        colorMapper = ColorMapper(colorCount: colors)
        styler = CellStyler(palette: palette, mapper: colorMapper, hasDefaultColors: defaults,
                            maxPairs: Int(cn_color_pairs()))
        let mouse = cn_enable_mouse() != 0
        keyTable = KeyTable()
        capabilities = TerminalCapabilities(mouseEnabled: mouse)
        Self.writeRaw(capabilities.pasteOn)
        let extras = capabilities.pasteOff
        cn_hygiene_install(STDOUT_FILENO, signalPipe.writeFD, capabilities.reset, capabilities.reset.utf8.count,
                           extras, extras.utf8.count)
        setCursor(visible: false)
    }

    deinit {
        shutdown()
        glyphBuffer.deallocate()
    }

    /// The terminal size in cells.
    public func size() -> Size { Size(width: Int(cn_cols()), height: Int(cn_lines())) }

    /// Switches theme: colour pairs are rebuilt and the whole screen is repainted on the next `draw`.
    public func setPalette(_ palette: Palette) {
        styler = CellStyler(palette: palette, mapper: colorMapper, hasDefaultColors: styler.hasDefaultColors,
                            maxPairs: styler.maxPairs)
        needsFullRedraw = true
        if let curscr = cn_curscr() { clearok(curscr, true) }
    }

    /// Gives the terminal back and stops the process (as Ctrl-Z would); returns once the shell
    /// continues it. The screen is repainted on the next `draw`, and a `.resize` event is queued
    /// because the window may have changed size meanwhile.
    public func suspend() {
        guard !isShutDown else { return }
        leaveScreen()
        cn_stop_process()
        resume()
    }

    /// Writes OSC 52 straight to the terminal, outside curses' own output.
    public func setClipboard(_ text: String) {
        guard !isShutDown else { return }
        Self.writeRaw(OSC52.sequence(for: text))
    }

    /// Leaves curses mode (shell screen, cooked input) while `body` runs another program on the terminal, then
    /// takes the terminal back; the screen is repainted and a `.resize` queued, as after `suspend()`.
    public func runOutside(_ body: () -> Void) {
        guard !isShutDown else { return body() }
        leaveScreen()
        body()
        resume()
    }

    /// Restores the shell's terminal: leaves the alternate screen, shows the cursor, ends raw mode.
    /// Safe to call more than once; the instance draws and reads nothing afterwards.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        leaveScreen()
        cn_hygiene_uninstall()
    }

    private func leaveScreen() {
        Self.writeRaw(capabilities.pasteOff)
        cn_hygiene_set_active(0)
        if !isendwin() { endwin() }
    }

    private func resume() {
        // After endwin, a refresh is what puts curses back in program mode (raw keys, alternate screen);
        // until then isendwin() stays true and drawing and reading would stay off.
        _ = refresh()
        var rows: Int32 = 0, cols: Int32 = 0
        if cn_tty_size(STDOUT_FILENO, &rows, &cols) == 0, rows != cn_lines() || cols != cn_cols() {
            resizeterm(rows, cols)
        }
        Self.writeRaw(capabilities.pasteOn)
        cn_hygiene_set_active(1)
        if let curscr = cn_curscr() { clearok(curscr, true) }
        needsFullRedraw = true
        cursorVisible = nil
        pendingEvents.append(.resize(size()))
    }

    /// Writes a mode sequence straight to the terminal. `putp` would put it in C stdio's buffer, which
    /// nothing flushes while curses draws: bracketed paste would only be switched on at exit.
    static func writeRaw(_ sequence: String) {
        var bytes = Array(sequence.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            done += n
        }
    }

    func setCursor(visible: Bool) {
        guard cursorVisible != visible else { return }
        cursorVisible = visible
        _ = curs_set(visible ? 1 : 0)
    }

    /// Prefers the user's locale; when it is not UTF-8 (LANG unset in containers and CI), falls back
    /// to C.UTF-8 for character handling, since practically every terminal today speaks UTF-8.
    private static func setUpLocale() -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8Codeset() { return true }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
            if isUTF8Codeset() { return true }
        }
        return false
    }

    private static func isUTF8Codeset() -> Bool {
        guard let c = cn_codeset() else { return false }
        let name = String(cString: c).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}
