import Foundation

/// What the fuzz targets share: the check that turns a broken invariant into a crash libFuzzer records, and the
/// replay driver that a normal (non-fuzzer) build uses as its `main`.
///
/// Each `ThriveFuzz*` executable has its `LLVMFuzzerTestOneInput` in one file and a `@main` replay driver in
/// another, compiled only without `-DFUZZING`. `.ci/fuzz` builds with `--sanitize=fuzzer -Xswiftc -DFUZZING`, so
/// libFuzzer's own `main` drives the function; a plain `swift build` links a small program that runs the same
/// function over files: `swift run ThriveFuzzJSON Tests/FuzzCorpus/crashes/json/FILE` replays a crash in a debugger.
public enum Fuzz {
    /// Stops the process with `message` (and the failing input's text, shortened) when `condition` is false.
    /// A trap is what libFuzzer records as a crash; the message says which invariant broke.
    @inline(__always)
    public static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                             file: StaticString = #fileID, line: UInt = #line) {
        if !condition() { fail(message(), file: file, line: line) }
    }

    public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        FileHandle.standardError.write(Data("FUZZ INVARIANT BROKEN (\(file):\(line)): \(message)\n".utf8))
        fatalError("fuzz invariant broken: \(message.prefix(300))", file: file, line: line)
    }

    /// The input as text. Invalid UTF-8 becomes U+FFFD, as when a file is read with replacement.
    public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }

    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// A short, escaped rendering of a value for messages.
    public static func show(_ s: String, limit: Int = 400) -> String {
        let d = s.debugDescription
        return d.count > limit ? String(d.prefix(limit)) + "…(\(s.utf8.count) bytes)" : d
    }

    /// The normal build's `main`: runs `body` once per file named on the command line (directories: every file in
    /// them, sorted), like libFuzzer does when given files. Exits 0 when every input ran; a broken invariant traps.
    public static func replay(_ body: (UnsafePointer<UInt8>, Int) -> CInt, arguments: [String] = CommandLine.arguments) -> Never {
        let name = (arguments.first as NSString?)?.lastPathComponent ?? "fuzz"
        let paths = arguments.dropFirst().filter { !$0.hasPrefix("-") }
        if paths.isEmpty {
            print("""
            usage: \(name) FILE|DIR…
            Runs this fuzz target once over each input file (a corpus directory, a crash reproducer).
            This is the plain build; the fuzzer itself is built and run by .ci/fuzz (libFuzzer, --sanitize=fuzzer).
            """)
            exit(2)
        }
        var files: [String] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                FileHandle.standardError.write(Data("\(name): no such file: \(p)\n".utf8)); exit(2)
            }
            if isDir.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []
                files += names.sorted().map { (p as NSString).appendingPathComponent($0) }
                    .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue }
            } else {
                files.append(p)
            }
        }
        for f in files {
            guard let data = FileManager.default.contents(atPath: f) else {
                FileHandle.standardError.write(Data("\(name): cannot read \(f)\n".utf8)); exit(2)
            }
            // On stderr, unbuffered: when the input traps, the last line names it.
            FileHandle.standardError.write(Data("\(name): running \(f) (\(data.count) bytes)\n".utf8))
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { buf -> CInt in
                // An empty input still needs a valid pointer, as libFuzzer gives one.
                var zero: UInt8 = 0
                guard let base = buf.baseAddress else { return body(&zero, 0) }
                return body(base, buf.count)
            }
        }
        print("\(name): \(files.count) input(s) ran without breaking an invariant")
        exit(0)
    }
}
