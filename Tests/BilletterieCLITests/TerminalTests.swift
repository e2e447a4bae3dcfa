import Foundation
import Testing

/// What only shows on a terminal: the no-echo password prompt.
@Suite("terminal")
struct TerminalTests {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs billetterie on a pseudo-terminal (Python's standard `pty` module), answers each
    /// prompt as it appears, and gives everything the terminal showed.
    static func onTerminal(_ box: Sandbox, _ arguments: [String], answers: [String]) throws -> (status: Int32, screen: String) {
        try pty(box, mode: "answer", arguments, answers)
    }

    /// Runs billetterie on a pseudo-terminal, types `lines` then end-of-input (Ctrl-D), and
    /// gives what the terminal showed (a scanner's stream).
    static func typed(_ box: Sandbox, _ arguments: [String], lines: [String]) throws -> (status: Int32, screen: String) {
        try pty(box, mode: "type", arguments, lines)
    }

    /// The driver: `answer` writes each input after a prompt (": ") appears; `type` writes
    /// them all at once, then Ctrl-D.
    static let script = """
        import os, pty, sys, json
        mode, args, inputs = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(args[0], args)
        screen = b""
        def read_until(marker):
            global screen
            while marker not in screen:
                chunk = os.read(fd, 1024)
                if not chunk: raise SystemExit("ended before " + repr(marker))
                screen += chunk
        for text in inputs:
            if mode == "answer":
                read_until(b": ")
                screen = screen.replace(b": ", b":_", 1)
            os.write(fd, text.encode() + b"\\n")
        if mode == "type":
            os.write(fd, b"\\x04")
        try:
            while True:
                chunk = os.read(fd, 4096)
                if not chunk: break
                screen += chunk
        except OSError:
            pass
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(screen.decode(errors="replace"))
        sys.exit(os.waitstatus_to_exitcode(status))
        """

    /// Runs the driver script in `mode` with the command line and `inputs` as JSON arguments;
    /// it prints what the terminal showed.
    static func pty(_ box: Sandbox, mode: String, _ arguments: [String], _ inputs: [String]) throws -> (status: Int32, screen: String) {
        let argumentsJSON = String(decoding: try JSONSerialization.data(withJSONObject: [Sandbox.binary] + arguments), as: UTF8.self)
        let inputsJSON = String(decoding: try JSONSerialization.data(withJSONObject: inputs), as: UTF8.self)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python!)
        process.arguments = ["-c", script, mode, argumentsJSON, inputsJSON]
        process.environment = box.environment
        process.currentDirectoryURL = URL(fileURLWithPath: box.folder)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        Sandbox.limit(process)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("init and login ask for the password on the terminal without echoing it", .enabled(if: python != nil))
    func promptsWithoutEcho() throws {
        let box = Sandbox()
        let made = try Self.onTerminal(
            box, ["init", "--admin-email", "admin@example.org"],
            answers: ["typed-secret-1", "typed-secret-1"])
        #expect(made.status == 0, "\(made.screen)")
        #expect(made.screen.contains("Password for admin@example.org:"))
        #expect(made.screen.contains("Again, to confirm:"))
        #expect(!made.screen.contains("typed-secret-1"), "the password must not be echoed")

        let mismatch = try Self.onTerminal(
            box, ["user", "register", "--email", "ana@example.org", "--name", "Ana"],
            answers: ["first-password", "other-password"])
        #expect(mismatch.status == 65)
        #expect(mismatch.screen.contains("the two passwords differ"))

        let login = try Self.onTerminal(box, ["user", "login", "--email", "admin@example.org"], answers: ["typed-secret-1"])
        #expect(login.status == 0, "\(login.screen)")
        #expect(!login.screen.contains("typed-secret-1"))
        #expect(try box.run(["user", "whoami"]).status == 0)
    }

    @Test(
        "without a terminal and without --password-stdin, the command says how to pass the password (exit 64)",
        .enabled(if: open("/dev/tty", O_RDWR) < 0))
    func noTerminal() throws {
        let box = try Sandbox().initialized()
        let before = try box.snapshot()
        let result = try box.run(["user", "register", "--email", "ana@example.org", "--name", "Ana"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no terminal to ask for the password on; pipe it on standard input and add --password-stdin"))
        #expect(try box.snapshot() == before)
    }

    @Test("ticket import draws a progress bar on a terminal, and none when piped", .enabled(if: python != nil))
    func progressBar() throws {
        let box = try Sandbox().withOrganizer()
        try box.createEvent("Big", ["--publish"])
        #expect(try box.run(["event", "tier", "add", "big", "--name", "Pass", "--price", "10"]).status == 0)
        let rows = (1...3000).map { "r\($0),p\($0)@example.org" }.joined(separator: "\n")
        let file = box.folder + "/many.csv"
        try ("external_id,buyer_email\n" + rows + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let tty = try Self.onTerminal(box, ["ticket", "import", file, "--event", "big"], answers: [])
        #expect(tty.status == 0, "\(tty.screen)")
        #expect(tty.screen.contains("Importing ") && tty.screen.contains("100%"))
        #expect(tty.screen.contains("Imported 3000 orders"))
        let piped = try box.run(["ticket", "import", file, "--event", "big"])
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty, "no bar when stderr is not a terminal")
    }
}
