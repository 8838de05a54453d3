import CNcurses
import Foundation

/// The floor thrive-bench measures the inspector against: the smallest program of the same kind, Swift with
/// Foundation and ncurses, that puts a full frame on a 120×40 screen and waits for `q`. Whatever it costs to
/// start and keep resident is what any Swift ncurses program costs on this machine, so the bench prints the
/// inspector's figures as multiples of this one rather than as absolute times a reader has to trust.
/// `thrive-floor` is linked as the inspector is (static Swift runtime); `thrive-floor-shared` as SwiftPM links by default.
public enum FloorProgram {
    public static func run() {
        setlocale(LC_ALL, "")
        _ = initscr()
        raw()
        noecho()
        keypad(cn_stdscr(), true)
        let started = Date()
        let rows = cn_lines(), cols = cn_cols()
        box(cn_stdscr(), 0, 0)
        for y in 1..<max(1, rows - 1) {
            _ = mvaddstr(y, 2, y == 1 ? "thrive-floor ready" : String(repeating: "·", count: Int(max(0, cols - 4))))
        }
        _ = mvaddstr(rows - 1, 2, " q quit (\(Int(started.timeIntervalSince1970))) ")
        refresh()
        cn_report_first_frame()
        while true {
            let c = getch()
            if c == Int32(UInt8(ascii: "q")) || c == cn_err() { break }
        }
        endwin()
    }
}
