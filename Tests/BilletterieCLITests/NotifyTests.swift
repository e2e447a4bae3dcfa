import Foundation
import Testing

@testable import BilletterieCore

/// A message as Python's standard `email` package (default policy) reads it, with its QR
/// images decoded by zbarimg and its calendar entry parsed by the `icalendar` package:
/// parsers that share nothing with ours.
struct ParsedMail {
    let file: String
    let subject: String
    let to: String
    let from: String
    let messageID: String
    let date: String
    let defects: [String]
    let types: [String]
    let text: String
    let html: String
    /// Content-ID → what zbarimg reads in the PNG.
    let images: [String: String]
    let calendar: [String: String]
}

extension Sandbox {
    static let parser = """
        import email, glob, json, os, subprocess, sys, tempfile
        from email import policy
        import icalendar
        out = []
        for path in sorted(glob.glob(os.path.join(sys.argv[1], 'new', '*'))):
            with open(path, 'rb') as f:
                m = email.message_from_binary_file(f, policy=policy.default)
            defects = [repr(d) for part in m.walk() for d in part.defects] + [repr(d) for d in m.defects]
            images, calendar = {}, {}
            for part in m.walk():
                if part.get_content_type() == 'image/png':
                    with tempfile.NamedTemporaryFile(suffix='.png', delete=False) as t:
                        t.write(part.get_content())
                    read = subprocess.run(['zbarimg', '-q', '--raw', t.name], capture_output=True, text=True).stdout.rstrip('\\n')
                    os.unlink(t.name)
                    images[part['Content-ID'].strip('<>')] = read
                if part.get_content_type() == 'text/calendar':
                    cal = icalendar.Calendar.from_ical(part.get_content())
                    calendar['method'] = str(cal.get('METHOD'))
                    for c in cal.walk('VEVENT'):
                        calendar['summary'] = str(c['SUMMARY'])
                        calendar['location'] = str(c['LOCATION'])
                        calendar['start'] = c.decoded('DTSTART').isoformat()
                        calendar['tzid'] = c['DTSTART'].params.get('TZID', '')
                        calendar['status'] = str(c.get('STATUS'))
                        calendar['sequence'] = str(c.get('SEQUENCE'))
            def body(kind):
                b = m.get_body((kind,))
                return b.get_content() if b is not None else ''
            out.append({'file': os.path.basename(path), 'subject': str(m['subject']), 'to': str(m['to']), 'from': str(m['from']),
                        'message_id': str(m['message-id']), 'date': str(m['date']), 'defects': defects,
                        'types': [p.get_content_type() for p in m.walk()], 'text': body('plain'), 'html': body('html'),
                        'images': images, 'calendar': calendar})
        print(json.dumps(out))
        """

    /// Every message in the outbox's new/ folder, parsed independently.
    func mails(outbox: String? = nil) throws -> [ParsedMail] {
        let script = folder + "/parse-mail.py"
        try Self.parser.write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script, outbox ?? (folder + "/store/outbox")]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]], "the parser failed")
        return list.map {
            ParsedMail(
                file: $0["file"] as! String, subject: $0["subject"] as! String, to: $0["to"] as! String, from: $0["from"] as! String,
                messageID: $0["message_id"] as! String, date: $0["date"] as! String, defects: $0["defects"] as! [String],
                types: $0["types"] as! [String], text: $0["text"] as! String, html: $0["html"] as! String,
                images: $0["images"] as! [String: String], calendar: $0["calendar"] as! [String: String])
        }
    }

    func notify(_ arguments: [String]) throws -> Result {
        try run(["notify"] + arguments)
    }

    func notificationCount() throws -> Int64 {
        if case .integer(let n) = try storeDatabase().scalar("SELECT count(*) FROM notifications") { return n }
        return -1
    }

    /// A paid order of the on-sale event: (order id, its tickets).
    func paidOrder(buyer: String = "ana@example.org", extra: [String] = []) throws -> (id: String, tickets: [[String: Any]]) {
        let order = try reserve(["--quantity", "2"] + extra, buyer: buyer).json
        let id = order["id"] as! String
        let paid = try run(["pay", id, "--method", "cash", "--amount", "50"])
        #expect(paid.status == 0, "\(paid)")
        return (id, order["tickets"] as! [[String: Any]])
    }
}

@Suite("notify: messages in the outbox")
struct NotifyTests {
    @Test("an order confirmation: proper MIME, every ticket's QR decodes to its code, the .ics parses; a rerun writes nothing")
    func confirmation() throws {
        let box = try Sandbox().onSale()
        let order = try box.paidOrder(extra: ["--buyer-name", "Ana Lima", "--attendee", "Zoé Château <zoe@example.org>"])
        let run = try box.notify(["run", "--json"])
        #expect(run.status == 0, "\(run)")
        #expect(run.json["written"] as? Int == 1)
        let mails = try box.mails()
        try #require(mails.count == 1)
        let mail = mails[0]
        #expect(mail.defects.isEmpty, "\(mail.defects)")
        #expect(mail.subject == "Your tickets for Jazz Night")
        #expect(mail.to.contains("ana@example.org"))
        #expect(mail.messageID.hasPrefix("<ntf_") && mail.messageID.hasSuffix(">"))
        #expect(!mail.date.isEmpty)
        #expect(
            mail.types == [
                "multipart/mixed", "multipart/related", "multipart/alternative", "text/plain", "text/html",
                "image/png", "image/png", "text/calendar",
            ])
        for ticket in order.tickets {
            let id = ticket["id"] as! String
            let code = ticket["code"] as! String
            let contentID = try #require(mail.images.keys.first { $0.contains(id) }, "no image for \(id)")
            #expect(mail.images[contentID] == code, "the PNG reads back as the ticket's code")
            #expect(mail.html.contains("cid:" + contentID), "the HTML part shows it")
            #expect(mail.text.contains(code))
        }
        #expect(mail.text.contains("Zoé Château"))
        #expect(mail.calendar["summary"] == "Jazz Night")
        #expect(mail.calendar["tzid"] == "Europe/Paris")
        #expect(mail.calendar["start"] == "2026-06-21T20:30:00+02:00")
        #expect(mail.calendar["method"] == "PUBLISH")
        #expect(box.mode(box.folder + "/store/outbox/new/" + mail.file) == 0o600)

        let again = try box.notify(["run", "--json"])
        #expect(again.status == 0 && again.json["written"] as? Int == 0, "\(again)")
        #expect(try box.mails().count == 1)
        let listed = try box.notify(["list", "--status", "sent", "--json"]).json
        #expect(listed["total"] as? Int == 1)
        let shown = try box.notify(["show", ((listed["items"] as! [[String: Any]])[0]["id"] as! String), "--json"]).json
        #expect((shown["path"] as? String)?.hasSuffix(mail.file) == true)
        #expect(shown["kind"] as? String == "order_confirmation")
    }

    @Test("every kind: declined card, refund, transfer (both people), new time, cancellation with refunds, reminders once")
    func everyKind() throws {
        let box = try Sandbox().onSale()
        // A declined card, then paid in cash: payment_failed, order_confirmation.
        let reserved = try box.reserve(["--quantity", "2"], buyer: "ana@example.org").json
        let order = reserved["id"] as! String
        #expect(try box.run(["pay", order, "--method", "test", "--card", "4000000000000002"]).status == 4)
        #expect(try box.run(["pay", order, "--method", "cash", "--amount", "50"]).status == 0)
        let tickets = reserved["tickets"] as! [[String: Any]]
        // A partial refund of one ticket: refund_issued.
        #expect(try box.run(["refund", order, "--ticket", tickets[0]["id"] as! String, "--reason", "Cannot come"]).status == 0)
        // A transfer: ticket_transferred to Ana, ticket_received to Carla.
        let guest = try box.paidOrder(buyer: "bob@example.org")
        let moved = try box.run(["ticket", "transfer", guest.tickets[0]["id"] as! String, "--to", "Carla Dias <carla@example.org>", "--json"])
        #expect(moved.status == 0, "\(moved)")
        // A new time: event_updated to every holder (ana, bob, carla).
        #expect(try box.run(["event", "update", "jazz-night", "--starts-at", "2026-06-21T21:00"]).status == 0)
        // A title change alone tells nobody.
        #expect(try box.run(["event", "update", "jazz-night", "--description", "Modern jazz"]).status == 0)
        let first = try box.notify(["run", "--json"])
        #expect(first.status == 0, "\(first)")
        var mails = try box.mails()
        #expect(mails.allSatisfy { $0.defects.isEmpty }, "\(mails.map(\.defects))")
        func subjects(to email: String) -> [String] { mails.filter { $0.to.contains(email) }.map(\.subject).sorted() }
        #expect(
            subjects(to: "ana@example.org") == [
                // The organizer tried the card at the counter: ana hears of no decline.
                "Jazz Night has changed", "Refund of 25.00 EUR for Jazz Night", "Your tickets for Jazz Night",
            ])
        #expect(
            subjects(to: "bob@example.org") == [
                "Jazz Night has changed", "Your ticket for Jazz Night now belongs to Carla Dias",
                "Your tickets for Jazz Night",
            ])
        #expect(subjects(to: "carla@example.org") == ["Jazz Night has changed", "bob gave you a ticket for Jazz Night"])
        let received = try #require(mails.first { $0.subject.hasPrefix("bob gave") })
        let newCode = (moved.json["ticket"] as! [String: Any])["code"] as! String
        #expect(received.images.values.contains(newCode), "the new holder gets the new code's QR")
        let changed = try #require(mails.first { $0.subject == "Jazz Night has changed" })
        #expect(changed.calendar["start"] == "2026-06-21T21:00:00+02:00")
        #expect(changed.calendar["sequence"] != "0", "the calendar replaces the earlier entry")
        #expect(changed.text.contains("now starts"))

        // Reminders: once per holder and ticket, however often it runs.
        box.environment["BILLETTERIE_NOW"] = "2026-06-21T08:00:00Z"
        try box.login("olga@example.org", "a-good-password")
        let remind = try box.notify(["remind", "--within", "24h", "--json"])
        #expect(remind.status == 0, "\(remind)")
        #expect(remind.json["written"] as? Int == 3, "\(remind)")
        #expect(try box.notify(["remind", "--within", "24h", "--json"]).json["written"] as? Int == 0)
        mails = try box.mails()
        #expect(mails.filter { $0.subject.hasPrefix("Reminder: Jazz Night") }.count == 3)

        // The cancellation: one message per holder, with what was refunded to them.
        #expect(try box.run(["event", "cancel", "jazz-night", "--reason", "The band is ill."]).status == 0)
        #expect(try box.notify(["run"]).status == 0)
        mails = try box.mails()
        let cancelled = mails.filter { $0.subject == "Cancelled: Jazz Night" }
        #expect(cancelled.count == 3, "\(cancelled.map(\.to))")
        let toAna = try #require(cancelled.first { $0.to.contains("ana@") })
        // Paid in cash: nobody has handed it back yet, so the message says where to collect it.
        #expect(toAna.text.contains("25.00 EUR in cash is yours to collect at"), "\(toAna.text)")
        #expect(!toAna.text.contains("We have refunded"), "\(toAna.text)")
        #expect(toAna.text.contains("The band is ill."))
        #expect(toAna.calendar["method"] == "CANCEL" && toAna.calendar["status"] == "CANCELLED")
        let toCarla = try #require(cancelled.first { $0.to.contains("carla@") })
        #expect(toCarla.text.contains("nothing to refund"), "carla was given the ticket; bob paid")
        #expect(!mails.contains { $0.subject.hasPrefix("Refund of 50.00") }, "the cancellation says it, no second refund message")
        #expect(mails.allSatisfy { $0.defects.isEmpty })
        #expect(Set(mails.map(\.messageID)).count == mails.count)
    }

    @Test("French: accents survive in the subject, the names and the body; dates and amounts in French")
    func french() throws {
        let box = try Sandbox().onSale()
        #expect(try box.notify(["settings", "--event", "jazz-night", "--locale", "fr"]).status == 0)
        _ = try box.paidOrder(extra: ["--buyer-name", "Zoé Château"])
        #expect(try box.run(["event", "update", "jazz-night", "--venue", "Théâtre du Châtelet", "--address", "1 place du Châtelet"]).status == 0)
        #expect(try box.notify(["run"]).status == 0)
        let mails = try box.mails()
        #expect(mails.allSatisfy { $0.defects.isEmpty })
        let confirmation = try #require(mails.first { $0.subject.hasPrefix("Vos billets") })
        #expect(confirmation.to.contains("Zoé Château"), "\(confirmation.to)")
        #expect(confirmation.text.contains("Bonjour Zoé Château"))
        #expect(confirmation.text.contains("reçu n° 1"))
        #expect(confirmation.text.contains("50,00 EUR"))
        #expect(confirmation.text.contains("dimanche 21 juin 2026"), "\(confirmation.text)")
        #expect(confirmation.html.contains("présentez le code"))
        let changed = try #require(mails.first { $0.subject == "Changement pour Jazz Night" })
        #expect(changed.text.contains("aura lieu à Théâtre du Châtelet"), "\(changed.text)")
        #expect(changed.calendar["location"] == "Théâtre du Châtelet, 1 place du Châtelet")
    }

    @Test("a message is written only for a change that committed")
    func onlyCommitted() throws {
        let box = try Sandbox().onSale()
        let order = try box.reservedOrder()
        #expect(try box.run(["pay", order, "--method", "test", "--card", "4242424242424242", "--amount", "999"]).status == 4, "more than due is refused")
        #expect(try box.reserve(["--quantity", "9"]).status == 4, "over the tier's quota")
        #expect(try box.run(["refund", order]).status != 0, "nothing paid, nothing to refund")
        #expect(try box.run(["event", "update", "jazz-night", "--starts-at", "yesterday"]).status == 65)
        let run = try box.notify(["run", "--json"])
        #expect(run.status == 0 && run.json["written"] as? Int == 0, "\(run)")
        #expect(try box.notificationCount() == 0)
        #expect(try box.mails().isEmpty)
    }

    @Test("killed with SIGKILL mid-batch, a rerun writes each message exactly once")
    func crashMidBatch() throws {
        let box = try Sandbox().onSale()
        #expect(try box.run(["event", "update", "jazz-night", "--capacity", "400"]).status == 0)
        #expect(try box.run(["event", "tier", "add", "jazz-night", "--name", "Door", "--price", "10"]).status == 0)
        var csv = "external_id,buyer_email,tier\n"
        for i in 0..<300 { csv += "x\(i),buyer\(i)@example.org,Door\n" }
        try csv.write(toFile: box.folder + "/orders.csv", atomically: true, encoding: .utf8)
        #expect(try box.run(["ticket", "import", box.folder + "/orders.csv", "--event", "jazz-night", "--paid-by", "cash"]).status == 0)
        let new = box.folder + "/store/outbox/new"
        let running = try box.start(["notify", "run"], stdinBytes: nil, environment: ["BILLETTERIE_NOTIFY_BATCH": "5"])
        // Wait (bounded) until some, but not all, messages are in new/, then kill it.
        var seen = 0
        for _ in 0..<200_000 {
            seen = ((try? FileManager.default.contentsOfDirectory(atPath: new)) ?? []).count
            if seen >= 10 || !running.process.isRunning { break }
            usleep(500)
        }
        kill(running.process.processIdentifier, SIGKILL)
        _ = try running.wait()
        let atKill = ((try? FileManager.default.contentsOfDirectory(atPath: new)) ?? []).count
        #expect(atKill < 300, "the run was stopped midway (\(atKill) written)")
        let rerun = try box.notify(["run", "--json"])
        #expect(rerun.status == 0, "\(rerun)")
        let files = try FileManager.default.contentsOfDirectory(atPath: new)
        #expect(files.count == 300)
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.folder + "/store/outbox/tmp").isEmpty)
        let ids = try files.map { name -> String in
            let text = try String(contentsOfFile: new + "/" + name, encoding: .utf8)
            return text.split(separator: "\n").first { $0.hasPrefix("Message-ID:") }.map(String.init) ?? ""
        }
        #expect(Set(ids).count == 300, "one file per message, none twice")
        #expect(try box.notify(["list", "--status", "sent", "--json"]).json["total"] as? Int == 300)
    }

    @Test("an outbox that cannot be written: exit 73, messages failed with the reason, written by the next run")
    func failedThenRetried() throws {
        let box = try Sandbox().onSale()
        _ = try box.paidOrder()
        let blocked = box.folder + "/blocked"
        try "not a folder".write(toFile: blocked, atomically: true, encoding: .utf8)
        let failed = try box.notify(["run", "--outbox", blocked, "--json"])
        #expect(failed.status == 73, "\(failed)")
        #expect((failed.errorJSON["message"] as? String)?.contains(blocked) == true, "\(failed)")
        let list = try box.notify(["list", "--status", "failed", "--json"]).json
        let item = try #require((list["items"] as? [[String: Any]])?.first)
        #expect((item["failure"] as? String)?.contains("folder") == true, "\(item)")
        let text = try box.notify(["list"])
        #expect(text.stdout.contains("failed"))
        let retried = try box.notify(["run", "--json"])
        #expect(retried.status == 0 && retried.json["written"] as? Int == 1, "\(retried)")
        #expect(try box.mails().count == 1)
    }

    @Test("bad input to notify: clear errors, the contract's exit codes, the store unchanged")
    func badInput() throws {
        let box = try Sandbox().onSale()
        _ = try box.paidOrder()
        #expect(try box.notify(["run"]).status == 0)
        let before = try box.snapshot()
        let status = try box.notify(["list", "--status", "lost"])
        #expect(status.status == 64 && status.stderr.contains("pending, sent, failed or withdrawn"), "\(status)")
        let unknown = try box.notify(["show", "ntf_nope", "--json"])
        #expect(unknown.status == 3 && unknown.errorJSON["code"] as? String == "notification_not_found", "\(unknown)")
        let window = try box.notify(["remind", "--within", "24"])
        #expect(window.status == 65, "\(window)")
        let locale = try box.notify(["settings", "--locale", "de"])
        #expect(locale.status == 65 && locale.stderr.contains("en or fr"), "\(locale)")
        #expect(try box.notify(["settings", "--event", "jazz-night", "--sender", "a@b.example"]).status == 64)
        #expect(try box.notify(["settings", "--event", "nope", "--locale", "fr"]).status == 3)
        #expect(try box.snapshot() == before)
    }

    @Test("who: organizers handle their events' messages, admins all; participants and staff may not (77)")
    func permissions() throws {
        let box = try Sandbox().onSale()
        _ = try box.paidOrder()
        try box.login("ana@example.org", "a-good-password")
        #expect(try box.notify(["run"]).status == 77)
        try box.login("door@example.org", "a-good-password")
        #expect(try box.notify(["list"]).status == 77)
        try box.login("otto@example.org", "a-good-password")
        let otto = try box.notify(["run", "--json"])
        #expect(otto.status == 0 && otto.json["written"] as? Int == 0, "another organizer's event: not otto's to send")
        #expect(try box.notify(["template", "set", "reminder.subject", "/dev/null"]).status != 0)
        try box.login("olga@example.org", "a-good-password")
        #expect(try box.notify(["run", "--json"]).json["written"] as? Int == 1)
    }
}

@Suite("notify: templates")
struct TemplateTests {
    func write(_ box: Sandbox, _ text: String) throws -> String {
        let path = box.folder + "/template.mustache"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("set, used by the next message, listed as custom; reset brings back the built-in one")
    func setAndReset() throws {
        let box = try Sandbox().onSale()
        try box.login("admin@example.org", Sandbox.adminPassword)
        let file = try write(box, "Billets : {{event.title}} pour {{recipient.name}} — à bientôt")
        let set = try box.notify(["template", "set", "order_confirmation.subject", file, "--locale", "fr"])
        #expect(set.status == 0, "\(set)")
        #expect(try box.notify(["settings", "--locale", "fr"]).status == 0)
        _ = try box.paidOrder(extra: ["--buyer-name", "Zoé"])
        #expect(try box.notify(["run"]).status == 0)
        let subjects = try box.mails().map(\.subject)
        #expect(subjects == ["Billets : Jazz Night pour Zoé — à bientôt"], "\(subjects)")
        let list = try box.notify(["template", "list", "--json"]).json["items"] as! [[String: Any]]
        #expect(list.count == MessageKind.allCases.count * 3 * 2)
        #expect(list.first { $0["name"] as? String == "order_confirmation.subject" && $0["locale"] as? String == "fr" }?["source"] as? String == "custom")
        #expect(try box.notify(["template", "show", "order_confirmation.subject", "--locale", "fr"]).stdout.contains("Billets :"))
        #expect(try box.notify(["template", "reset", "order_confirmation.subject", "--locale", "fr"]).status == 0)
        #expect(try box.notify(["template", "show", "order_confirmation.subject", "--locale", "fr"]).stdout.contains("Vos billets"))
    }

    @Test(
        "refused with line and column (exit 65), the store unchanged",
        arguments: [
            ("Hello {{recipient.name}}\n{{#tickets}}\n{{name}}\n", "line", "never closed"),
            ("Hello\n  {{recipient.nmae}}", "line 2, column 3", "recipient.nmae"),
            ("{{#tickets}}{{code}}{{/tickets}} {{total}}", "line 1, column 34", "total"),
            ("{{#tickets}}{{/event}}", "line 1", "closed with another name"),
        ])
    func refused(template: String, position: String, words: String) throws {
        let box = try Sandbox().onSale()
        try box.login("admin@example.org", Sandbox.adminPassword)
        let file = try write(box, template)
        let before = try box.snapshot()
        let result = try box.notify(["template", "set", "order_confirmation.text", file])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains(position), "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
        #expect(try box.snapshot() == before)
    }

    @Test("bad names, files and locales: clear errors, nothing saved")
    func badArguments() throws {
        let box = try Sandbox().onSale()
        try box.login("admin@example.org", Sandbox.adminPassword)
        let before = try box.snapshot()
        let file = try write(box, "ok")
        #expect(try box.notify(["template", "set", "receipt.html", file]).status == 65)
        #expect(try box.notify(["template", "set", "reminder.subject", box.folder + "/missing"]).status == 66)
        #expect(try box.notify(["template", "set", "reminder.subject", file, "--locale", "de"]).status == 65)
        #expect(try box.notify(["settings", "--sender", "not an address"]).status == 65)
        #expect(try box.snapshot() == before)
    }
}
