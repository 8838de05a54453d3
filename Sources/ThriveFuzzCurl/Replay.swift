#if !FUZZING
import ThriveFuzzSupport

/// The plain build's entry point: replays files through the fuzz function (see `Fuzz.replay`).
@main
enum Replay {
    static func main() { Fuzz.replay(fuzz) }
}
#endif
