// swift-tools-version:6.0
import PackageDescription
#if os(Linux)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A NUL-terminated C buffer as a String.
func cText(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Packed relative relocations (DT_RELR) cut the relocation table the loader reads at every launch from 1.5 MB
/// to 0.4 MB; only glibc 2.36 and later (Debian 12, Ubuntu 24.04) can load such a binary, so older ones go without.
let packedRelocations: Bool = {
    #if os(Linux)
    var text = [CChar](repeating: 0, count: 64)  // "glibc 2.36"
    guard confstr(Int32(_CS_GNU_LIBC_VERSION), &text, text.count) > 0 else { return false }
    let version = cText(text).split(separator: " ").last?.split(separator: ".").compactMap { Int($0) } ?? []
    return version.count >= 2 && (version[0], version[1]) >= (2, 36)
    #else
    return false
    #endif
}()

/// Linux: lld lays out the functions that run before the first frame side by side (`startup.order`, written by
/// `.ci/startup-order`), so launch maps about 8 MB of the binary's code instead of pages all over its 29 MB.
/// The path is absolute so it holds whatever folder the build runs in. README, "Start-up and memory", has the figures.
let startupLayout: [LinkerSetting] = [
    .unsafeFlags([
        "-use-ld=lld",
        "-Xlinker", "--symbol-ordering-file=\(String(#filePath.dropLast("Package.swift".count)))Sources/ThriveInspector/startup.order",
        // Names in the file that a later change removed are skipped without a warning per name.
        "-Xlinker", "--no-warn-symbol-ordering",
    ] + (packedRelocations ? ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] : []), .when(platforms: [.linux])),
]

/// The toolchain building this package (its `usr` folder), found from the Swift runtime this manifest runs on.
let toolchain: String? = {
    #if os(Linux)
    // The mapping of libswiftCore in /proc/self/maps: "… /opt/swift/usr/lib/swift/linux/libswiftCore.so".
    let suffix = "/lib/swift/linux/libswiftCore.so"
    guard let maps = fopen("/proc/self/maps", "r") else { return nil }
    defer { fclose(maps) }
    var line = [CChar](repeating: 0, count: 4096)
    while fgets(&line, Int32(line.count), maps) != nil {
        let text = cText(line).trimmingSuffix("\n")
        if text.hasSuffix(suffix), let start = text.firstIndex(of: "/") { return String(text[start...].dropLast(suffix.count)) }
    }
    return nil
    #else
    return nil
    #endif
}()

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}

/// Foundation's parts for the static link, as this toolchain has them (the list is 6.3's; older ones lack some).
let foundationParts: [String] = [
    "FoundationEssentials", "FoundationInternationalization", "_FoundationCollections", "_FoundationCShims",
    "CoreFoundation", "_FoundationICU", "swiftSynchronization",
].filter { part in toolchain.map { access("\($0)/lib/swift_static/linux/lib\(part).a", F_OK) == 0 } ?? true }

/// The crash backtracer of the toolchain that builds the program, for the linked-in runtime (`crash_reports.c`): the
/// one that matches it, wherever `swift` on PATH points later.
let backtracerPath: [CSetting] = toolchain.map { root in
    let path = "\(root)/libexec/swift/linux/swift-backtrace-static"
    return access(path, X_OK) == 0 ? [.define("THRIVE_SWIFT_BACKTRACER", to: "\"\(path)\"", .when(platforms: [.linux]))] : []
} ?? []

/// The toolchain has no `swift_static` folder (some distributions' packages leave it out).
let staticRuntimeMissing = toolchain.map { access("\($0)/lib/swift_static/linux/static-stdlib-args.lnk", F_OK) != 0 } ?? false

/// Linux: the Swift runtime and Foundation are linked into the binary instead of loaded as shared libraries, so
/// lld can lay out the runtime's start-up code with ours (`startupLayout`) and the loader has 14 fewer libraries to
/// map and relocate. With the start-up layout and the flags below, 33.5 MB resident at the first frame became 22.4 MB
/// (README, "Start-up and memory", has each step).
/// - `-static-stdlib` takes the runtime from `swift_static`. Our objects were compiled against the shared Foundation,
///   whose module does not name CoreFoundation, ICU and Foundation's other parts for the link; they are named here.
///   lld finds them in any order (GNU ld would not).
/// - The toolchain's static link exports every symbol (`-export-dynamic`): 3.8 MB of symbol tables the loader reads
///   at launch, which nothing here looks up. `--no-export-dynamic` takes that back.
/// - A toolchain without `swift_static` links the shared runtime instead (`staticRuntimeMissing`).
let staticRuntime: [LinkerSetting] = staticRuntimeMissing ? [] : [
    .unsafeFlags(["-static-stdlib"] + foundationParts.map { "-l" + $0 } + ["-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux])),
]

/// Each function in its own section, so the linker can move the ones in `startup.order` one by one; without it a
/// module's functions come in whole files. Only this package's targets: SwiftPM gives dependencies no flags.
let functionSections: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux]))]

let package = Package(
    name: "thrive-inspector",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "thrive-inspector", targets: ["thrive-inspector"]),
        .executable(name: "thrive-bench", targets: ["ThriveBench"]),
        .executable(name: "thrive-floor", targets: ["ThriveFloor"]),
        .executable(name: "thrive-floor-shared", targets: ["ThriveFloorShared"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.70.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // Pure model of the ThriveStack API: ordered JSON, templates, validation, requests, curl.
        .target(
            name: "ThriveCore",
            resources: [.copy("Resources/templates")],
            swiftSettings: functionSections
        ),
        // HTTP client: the AsyncHTTPClient sender with timeouts, cancellation, proxies and 429 retry.
        .target(
            name: "ThriveNet",
            dependencies: [
                "ThriveCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: functionSections
        ),
        // Embedded mock of the ThriveStack API with fault injection.
        .target(
            name: "ThriveSandbox",
            dependencies: [
                "ThriveCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: functionSections
        ),
        // The durable history: every send in SQLite (GRDB), searchable with FTS5, safe against crashes and two writers.
        .target(name: "ThriveHistory", dependencies: ["ThriveCore", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: functionSections),
        // The replay engine: plans, paces, retries and journals a replay of imported events, exactly once.
        .target(name: "ThriveReplay", dependencies: ["ThriveCore"], swiftSettings: functionSections),
        // Config file, API key sources, user templates and theme files (YAML via Yams).
        .target(
            name: "ThriveConfig",
            dependencies: ["ThriveCore", "TerminalScreen", .product(name: "Yams", package: "Yams")],
            swiftSettings: functionSections
        ),
        // Terminal-agnostic cells, buffers, styles and key events.
        .target(name: "TerminalScreen", swiftSettings: functionSections),
        // The inspector's pure UI core: state, update, effects, keymap, scroll model, views.
        .target(name: "ThriveUI", dependencies: ["ThriveCore", "TerminalScreen"], swiftSettings: functionSections),
        // The UI loop, effect runner and mailbox, behind the TerminalBackend protocol (ncurses or a test backend).
        .target(name: "ThriveRuntime", dependencies: ["ThriveUI", "ThriveCore", "ThriveReplay", "TerminalScreen", "ProcessSpawn"], swiftSettings: functionSections),
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Restores the terminal from exit, signal and crash handlers (one C object for the shared state).
        .target(name: "CTerminalHygiene", dependencies: ["CNcurses"], cSettings: backtracerPath),
        // The only code that talks to ncurses.
        .target(name: "NcursesBackend", dependencies: ["CNcurses", "CTerminalHygiene", "TerminalScreen"], swiftSettings: functionSections),
        .executableTarget(
            name: "thrive-inspector",
            dependencies: [
                "ThriveCore", "ThriveNet", "ThriveSandbox", "ThriveConfig", "ThriveUI", "ThriveRuntime", "ThriveHistory",
                "ThriveReplay", "TerminalScreen", "NcursesBackend", "CTerminalHygiene",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/ThriveInspector",
            exclude: ["startup.order"],
            swiftSettings: functionSections,
            linkerSettings: startupLayout + staticRuntime
        ),
        // The floor the bench compares start-up and memory with: Swift + Foundation + ncurses, one frame, nothing
        // else; linked like the inspector (static runtime, lld) and, for comparison, as SwiftPM links by default.
        .target(name: "FloorProgram", dependencies: ["CNcurses"]),
        .executableTarget(name: "ThriveFloor", dependencies: ["FloorProgram"],
                          linkerSettings: [.unsafeFlags(["-use-ld=lld"], .when(platforms: [.linux]))] + staticRuntime),
        .executableTarget(name: "ThriveFloorShared", dependencies: ["FloorProgram"]),
        // Runs helper programs (tmux, the person's editor) with a clean signal mask; shared by the runtime, the tests and the bench.
        .target(name: "ProcessSpawn", swiftSettings: functionSections),
        // Prints speed and memory figures (release build); no test asserts timings.
        .executableTarget(
            name: "ThriveBench",
            dependencies: ["ThriveCore", "ThriveNet", "ThriveSandbox", "ThriveUI", "TerminalScreen", "ProcessSpawn", "ThriveHistory",
                           "ThriveReplay"]
        ),
        .testTarget(
            name: "ThriveCoreTests",
            dependencies: ["ThriveCore"],
            resources: [.copy("Fixtures")]
        ),
        // Helpers shared by the test targets: a sandbox per test, loopback ports with nothing listening.
        .target(name: "ThriveTestSupport", dependencies: ["ThriveSandbox"], path: "Tests/ThriveTestSupport"),
        .testTarget(name: "ThriveSandboxTests", dependencies: [
            "ThriveSandbox", "ThriveCore", "ThriveTestSupport",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "ThriveNetTests", dependencies: [
            "ThriveNet", "ThriveSandbox", "ThriveCore", "ThriveTestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .testTarget(name: "ThriveHistoryTests", dependencies: ["ThriveHistory", "ThriveCore"]),
        .testTarget(name: "ThriveReplayTests", dependencies: [
            "ThriveReplay", "ThriveCore", "ThriveHistory", "ThriveNet", "ThriveSandbox", "ThriveTestSupport",
        ]),
        .testTarget(name: "TerminalScreenTests", dependencies: ["TerminalScreen", "NcursesBackend"]),
        // Drives the built binary: CLI exit codes and messages, the standalone sandbox, the UI in tmux. It does not
        // name `thrive-inspector` as a dependency: that would link the executable's objects, and with them its static
        // runtime, into the test bundle beside XCTest's shared one. `swift test` builds every product anyway.
        .testTarget(name: "ThriveInspectorTests", dependencies: ["ThriveCore", "ProcessSpawn", "ThriveTestSupport"]),
        .testTarget(name: "ThriveUITests", dependencies: ["ThriveUI", "ThriveCore", "TerminalScreen"], exclude: ["Golden"]),
        .testTarget(name: "ThriveConfigTests", dependencies: ["ThriveConfig", "ThriveCore", "TerminalScreen"]),
        // The real UI loop driven in-process through the test backend, against a real sandbox.
        .testTarget(name: "ThriveRuntimeTests",
                    dependencies: ["ThriveRuntime", "ThriveUI", "ThriveCore", "ThriveNet", "TerminalScreen", "ThriveSandbox", "ThriveTestSupport"]),
        // --- fuzz targets (begin) ---
        // libFuzzer targets, built and run by `.ci/fuzz TARGET SECONDS` (--sanitize=fuzzer -Xswiftc -DFUZZING, own
        // scratch path). In a plain build each is a small program that replays input files through the same check.
        .target(name: "ThriveFuzzSupport"),
        .executableTarget(name: "ThriveFuzzJSON", dependencies: ["ThriveCore", "ThriveFuzzSupport"]),
        .executableTarget(name: "ThriveFuzzCurl", dependencies: ["ThriveCore", "ThriveFuzzSupport"]),
        .executableTarget(name: "ThriveFuzzEventFile", dependencies: ["ThriveCore", "ThriveFuzzSupport"]),
        .executableTarget(
            name: "ThriveFuzzYAML",
            dependencies: ["ThriveConfig", "ThriveCore", "TerminalScreen", "ThriveFuzzSupport", .product(name: "Yams", package: "Yams")]
        ),
        // --- fuzz targets (end) ---
    ]
)
