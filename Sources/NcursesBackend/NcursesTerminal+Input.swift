#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import CTerminalHygiene
import TerminalScreen

extension NcursesTerminal {
    /// Waits for input and returns it decoded. Blocks in `poll()` (no CPU while idle) until a key,
    /// mouse report or resize arrives, `wakeFD` becomes readable (it is then drained), or `timeout`
    /// passes (nil waits forever). Returns an empty array on timeout or wake-up.
    /// All input already waiting is read in one go, so a paste arrives as one `.paste` event.
    public func nextEvents(timeout: Duration?, wakeFD: Int32?) -> [TerminalEvent] {
        if !pendingEvents.isEmpty {
            defer { pendingEvents = [] }
            return pendingEvents
        }
        guard !isendwin() else { return [] }
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now.advanced(by: $0) }
        while true {
            var fds = [
                pollfd(fd: isInputClosed ? -1 : STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signalPipe.readFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeFD ?? -1, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), Self.milliseconds(until: deadline, clock: clock))
            if ready < 0 && errno != EINTR { return [] }
            if fds[1].revents != 0 { signalPipe.drain() }
            let woke = fds[2].revents != 0 && wakeFD.map { Waker.drain(fd: $0) } ?? false
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && fds[0].revents & Int16(POLLIN) == 0 {
                isInputClosed = true
            }
            let events = decoder.decode(readPendingInput())
            if !events.isEmpty || woke || isInputClosed { return events }
            if let deadline, clock.now >= deadline { return [] }
        }
    }

    /// `nextEvents(timeout:wakeFD:)` woken by `waker`.
    public func nextEvents(timeout: Duration?) -> [TerminalEvent] {
        nextEvents(timeout: timeout, wakeFD: wakePipe.readFD)
    }

    public var waker: any TerminalWaker { wakePipe }

    /// Everything ncurses can hand over without blocking, mapped to raw items.
    private func readPendingInput() -> [RawInput] {
        var raw: [RawInput] = []
        var ch: wint_t = 0
        let keyCode = cn_key_code_yes(), mouse = cn_key_mouse(), resize = cn_key_resize()
        // A cap, so a terminal spewing input cannot keep us from drawing forever.
        for _ in 0..<65_536 {
            let r = wget_wch(window, &ch)
            if r == ERR { break }
            if r == keyCode {
                let code = Int32(bitPattern: UInt32(ch))
                if code == mouse {
                    if let m = readMouse() { raw.append(.mouse(m)) }
                } else if code == resize {
                    needsFullRedraw = true
                    raw.append(.resize(size()))
                } else if let item = keyTable[code] {
                    raw.append(item)
                }
            } else if let s = Unicode.Scalar(UInt32(ch)) {
                raw.append(.scalar(s))
            }
        }
        return raw
    }

    private func readMouse() -> MouseEvent? {
        var x: Int32 = 0, y: Int32 = 0
        let at = { Point(x: Int(x), y: Int(y)) }
        switch cn_read_mouse(&x, &y) {
        case 1: return MouseEvent(.press, at: at())
        case 2: return MouseEvent(.release, at: at())
        case 3: return MouseEvent(.wheelUp, at: at())
        case 4: return MouseEvent(.wheelDown, at: at())
        default: return nil
        }
    }

    /// poll()'s timeout: -1 forever, else milliseconds left, rounded up so we never wake early.
    static func milliseconds(until deadline: ContinuousClock.Instant?, clock: ContinuousClock) -> Int32 {
        guard let deadline else { return -1 }
        let left = clock.now.duration(to: deadline)
        if left <= .zero { return 0 }
        let (seconds, attoseconds) = left.components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: ms)
    }
}
