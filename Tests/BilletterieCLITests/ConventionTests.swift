import Foundation
import Testing

/// The conventions every command inherits (CLI.md section 1).
@Suite("conventions")
struct ConventionTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("a usage error is exit 64, a value the parser cannot read 65, both `billetterie: error:`; with --json a JSON error on stderr")
    func usageErrors() throws {
        let box = Sandbox()
        let plain = try box.run(["user", "whoami", "--no-such-option"])
        #expect(plain.status == 64)
        #expect(plain.stderr.hasPrefix("billetterie: error: unknown option '--no-such-option'"), "\(plain)")
        #expect(plain.stderr.contains("Usage: billetterie user whoami"))
        for (arguments, value) in [
            (["ticket", "reserve", "--event", "x", "--tier", "y", "--quantity", "ten"], "ten"),
            (["event", "create", "--title", "T", "--starts-at", "2026-06-01T20:00", "--venue", "V", "--capacity", "1.5"], "1.5"),
            (["user", "list", "--limit", "99999999999999999999999"], "99999999999999999999999"),
        ] {
            let bad = try box.run(arguments)
            #expect(bad.status == 65 && bad.stderr.hasPrefix("billetterie: error: the value '\(value)' is invalid"), "\(bad)")
            #expect(!bad.stderr.contains("Error:"))
            let badJSON = try box.run(arguments + ["--json"])
            #expect(badJSON.status == 65 && badJSON.errorJSON["code"] as? String == "invalid_value", "\(badJSON)")
        }
        let missing = try box.run(["user", "login"])
        #expect(missing.status == 64 && missing.stderr.hasPrefix("billetterie: error: missing expected argument"), "\(missing)")
        let json = try box.run(["user", "whoami", "--no-such-option", "--json"])
        #expect(json.status == 64)
        #expect(json.stdout.isEmpty)
        #expect(json.errorJSON["code"] as? String == "usage")
    }

    @Test("errors under --json are one JSON object on stderr with code, message and details; stdout stays empty")
    func jsonErrorShape() throws {
        let box = try Sandbox().initialized()
        let result = try box.run(["user", "show", "nobody@example.org", "--json"])
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.errorJSON["code"] as? String == "user_not_found")
        #expect(result.errorJSON["message"] as? String == "no user 'nobody@example.org'")
        #expect(result.errorJSON["details"] as? [Any] != nil)
    }

    @Test("a malformed BILLETTERIE_NOW is exit 65 naming it")
    func badNow() throws {
        let box = try Sandbox().initialized()
        let result = try box.run(["user", "whoami"], environment: ["BILLETTERIE_NOW": "yesterday"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("invalid BILLETTERIE_NOW 'yesterday'"))
    }

    @Test("--json prints exactly one JSON document on stdout")
    func jsonIsOneDocument() throws {
        let box = try Sandbox().initialized()
        for arguments in [["user", "whoami"], ["user", "list"], ["user", "show", "admin@example.org"], ["user", "history"]] {
            let result = try box.run(arguments + ["--json"])
            #expect(result.status == 0)
            #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) is [String: Any], "\(arguments): \(result)")
        }
    }

    @Test("no colour codes when output is not a terminal")
    func noColourWhenPiped() throws {
        let box = try Sandbox().initialized()
        box.environment["NO_COLOR"] = nil
        let result = try box.run(["user", "list"])
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test("completions/ holds what the parser generates now", arguments: ["bash", "zsh", "fish"])
    func completionsAreFresh(shell: String) throws {
        let generated = try Sandbox().run(["--generate-completion-script", shell])
        #expect(generated.status == 0)
        let committed = try String(contentsOf: Self.repository.appendingPathComponent("completions/billetterie.\(shell)"), encoding: .utf8)
        #expect(committed == generated.stdout, "completions/billetterie.\(shell) is stale: run Scripts/generate-completions")
    }

    /// Every command path, found by walking the SUBCOMMANDS sections of --help.
    static func commandPaths(_ prefix: [String] = []) throws -> [[String]] {
        let help = try Sandbox().run(prefix + ["--help"]).stdout
        guard prefix.count < 4, let range = help.range(of: "SUBCOMMANDS:\n") else { return [prefix] }
        var paths: [[String]] = [prefix]
        for line in help[range.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }  // the section ends at its blank line
            // An entry is "  name   abstract"; continuation lines are indented further.
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            let name = String(line.split(separator: " ")[0])
            if name == "help" || name == "See" { continue }
            paths += try commandPaths(prefix + [name])
        }
        return paths
    }

    @Test("every command has an abstract and an example in its --help")
    func helpHasExamples() throws {
        let paths = try Self.commandPaths()
        #expect(paths.count >= 14, "\(paths)")
        for path in paths {
            let help = try Sandbox().run(path + ["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.hasPrefix("OVERVIEW: "), "\(path) has no abstract")
            #expect(help.stdout.contains("Example"), "\(path) has no example")
        }
    }

    @Test("every command is mentioned in Docs/ (as `billetterie PATH` or `PATH` in code) and in the man page")
    func documented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs").path
        var text = ""
        for name in try FileManager.default.subpathsOfDirectory(atPath: docs) where name.hasSuffix(".md") {
            text += try String(contentsOfFile: docs + "/" + name, encoding: .utf8)
        }
        let manual = try String(contentsOfFile: docs + "/billetterie.1", encoding: .utf8)
        for path in try Self.commandPaths() where !path.isEmpty {
            let words = path.joined(separator: " ")
            #expect(text.contains("billetterie " + words) || text.contains("`" + words), "`\(words)` is not mentioned in Docs/")
            #expect(manual.contains(".It Em \(path.last!)\n"), "the man page has no `\(words)`: run Scripts/generate-manual")
        }
    }

    @Test("the storage boundary: only Storage/ imports an engine or holds SQL; only a transaction changes rows")
    func storageBoundary() throws {
        let sources = Self.repository.appendingPathComponent("Sources").path
        let sql = try NSRegularExpression(pattern: #"\b(SELECT .* FROM|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE|BEGIN IMMEDIATE)\b"#)
        for name in try FileManager.default.subpathsOfDirectory(atPath: sources) where name.hasSuffix(".swift") {
            let text = try String(contentsOfFile: sources + "/" + name, encoding: .utf8)
            guard !name.hasPrefix("BilletterieCore/Storage/") else { continue }
            #expect(!text.contains("import CSQLite") && !text.contains("import CLibPQ"), "\(name) imports a database engine")
            let range = NSRange(text.startIndex..., in: text)
            #expect(sql.firstMatch(in: text, range: range) == nil, "\(name) holds SQL text; SQL lives in Storage/")
            for word in ["SQLiteConnection", "PostgresConnection", "SQLValue", "db.execute", "db.rows", "db.row("] {
                #expect(!text.contains(word), "\(name) reaches for \(word), which is Storage's")
            }
        }
        // Every method that changes rows is the transaction's: none on Store itself.
        let storage = sources + "/BilletterieCore/Storage"
        for name in try FileManager.default.contentsOfDirectory(atPath: storage) where name.hasPrefix("Store+") {
            let text = try String(contentsOfFile: storage + "/" + name, encoding: .utf8)
            // Each top-level `extension X` block runs to the next one; only the transaction's may write.
            var owner = ""
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("extension ") { owner = String(line.dropFirst("extension ".count).prefix { $0 != " " && $0 != ":" }) }
                guard owner == "Store" else { continue }
                for verb in ["INSERT INTO", "UPDATE ", "DELETE FROM"] where line.contains(verb) {
                    Issue.record("\(name): a write outside StoreTransaction: \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
    }

    @Test("every leaf command takes --db, --outbox and --json")
    func globalOptionsEverywhere() throws {
        for path in try Self.commandPaths() {
            let help = try Sandbox().run(path + ["--help"]).stdout
            guard !help.contains("SUBCOMMANDS:") || path == ["init"] else { continue }
            #expect(help.contains("--db <path>") && help.contains("--outbox <dir>") && help.contains("--json"), "\(path)")
        }
    }
}
