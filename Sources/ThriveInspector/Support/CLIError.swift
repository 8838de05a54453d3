import ArgumentParser

/// A one-line message for the user, then a non-zero exit: bad input never ends in a crash or a stack trace.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Exit codes shared by the subcommands (documented in `--help`).
enum Exit {
    static let badInput = ExitCode(1)
    static let httpError = ExitCode(2)
    static let networkFailure = ExitCode(3)
}

/// Writes to standard error, where diagnostics go so stdout stays parseable.
func printError(_ text: String) {
    var stderr = StandardError()
    print(text, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleWriter.write(string, fd: 2)
    }
}

import Foundation
enum FileHandleWriter {
    static func write(_ string: String, fd: Int32) {
        FileHandle(fileDescriptor: fd).write(Data(string.utf8))
    }
}
