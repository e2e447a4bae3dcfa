import BilletterieCore
import Foundation

/// Reads passwords from standard input (`--password-stdin`) or a no-echo prompt on the
/// terminal, never from argv.
enum Secrets {
    /// Reads one line of standard input (without its line end), refusing bytes that are not UTF-8.
    static func readStdinLine(what: String) throws -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(STDIN_FILENO, &byte, 1) == 1 {
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard !bytes.isEmpty else {
            throw BilletterieError.invalidInput(code: "missing_password", message: "no \(what) on standard input; write it there as one line")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw BilletterieError.invalidInput(code: "not_utf8", message: "the \(what) on standard input is not valid UTF-8")
        }
        return text
    }

    /// Asks on the terminal with echo off. With `confirm`, asks twice and checks they match.
    /// `stdinFlag` is the command's own flag for reading it from standard input, named when
    /// there is no terminal.
    static func prompt(_ label: String, confirm: Bool = false, stdinFlag: String = "--password-stdin") throws -> String {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else {
            throw BilletterieError.usage(
                message: "no terminal to ask for the password on; pipe it on standard input and add \(stdinFlag)")
        }
        defer { close(tty) }
        func ask(_ text: String) throws -> String {
            var original = termios()
            tcgetattr(tty, &original)
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(tty, TCSAFLUSH, &silent)
            defer {
                tcsetattr(tty, TCSAFLUSH, &original)
                _ = write(tty, "\n", 1)
            }
            let bytes = line(from: tty, after: text)
            guard let value = String(validating: bytes, as: UTF8.self), !value.isEmpty else {
                throw BilletterieError.invalidInput(code: "missing_password", message: "no password was typed")
            }
            return value
        }
        let first = try ask(label + ": ")
        if confirm, try ask("Again, to confirm: ") != first {
            throw BilletterieError.invalidInput(code: "password_mismatch", message: "the two passwords differ; nothing was changed")
        }
        return first
    }

    /// Asks on the terminal with echo on (a two-factor code); nil when there is no terminal
    /// or nothing was typed.
    static func askVisible(_ label: String) -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        let bytes = line(from: tty, after: label, limit: 256)
        guard let value = String(validating: bytes, as: UTF8.self)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// Shows `label` on the terminal and reads what is typed up to the end of the line.
    private static func line(from tty: Int32, after label: String, limit: Int = 1 << 16) -> [UInt8] {
        _ = label.withCString { write(tty, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n"), bytes.count < limit { bytes.append(byte) }
        return bytes
    }

    /// One password: from stdin when `fromStdin`, else the prompt.
    static func password(
        fromStdin: Bool, label: String = "Password", confirm: Bool = false,
        stdinFlag: String = "--password-stdin"
    ) throws -> String {
        fromStdin ? try readStdinLine(what: "password") : try prompt(label, confirm: confirm, stdinFlag: stdinFlag)
    }
}
