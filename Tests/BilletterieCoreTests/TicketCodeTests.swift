import Foundation
import TestSupport
import Testing

@testable import BilletterieCore

@Suite("ticket codes")
struct TicketCodeTests {
    static let keys = CryptoPrimitives.newSigningKeyPair()
    static let code = TicketCode(ticketID: Identifier.make(.ticket), eventID: Identifier.make(.event), tierID: Identifier.make(.tier))

    static let eventID = Identifier.make(.event), tierID = Identifier.make(.tier)

    @Test("a signed code is 121 characters of 0-9 A-Z and reads back to its ticket and tags")
    func roundTrip() throws {
        let ticketID = Identifier.make(.ticket)
        let code = TicketCode(ticketID: ticketID, eventID: Self.eventID, tierID: Self.tierID)
        let text = try code.signed(privateKey: Self.keys.privateKey)
        #expect(text.count == TicketCode.length)
        #expect(text.utf8.allSatisfy { Base36.alphabet.contains($0) })
        let read = try TicketCode.verify(text, publicKeys: [Self.keys.publicKey]).get()
        #expect(read == code)
        #expect(read.isFor(ticketID: ticketID) && read.isFor(eventID: Self.eventID) && read.isFor(tierID: Self.tierID))
        #expect(!read.isFor(eventID: Identifier.make(.event)))
    }

    @Test("Base45 matches RFC 9285's examples and refuses what is not canonical")
    func base45() {
        #expect(Base45.encode(Array("AB".utf8)) == "BB8")
        #expect(Base45.encode(Array("Hello!!".utf8)) == "%69 VD92EX0")
        #expect(Base45.encode(Array("base-45".utf8)) == "UJCLQE7W581")
        #expect(Base45.decode("QED8WEX0") == Array("ietf!".utf8))
        #expect(Base45.decode("GGW") == nil, "65535 + 1 is out of range")
        #expect(Base45.decode("ABCD") == nil)
        #expect(Base45.decode("aBC") == nil)
    }

    @Test("it fits QR version 5 at level M in alphanumeric mode")
    func qrVersion() throws {
        let text = try Self.code.signed(privateKey: Self.keys.privateKey)
        let qr = try QRMatrix(encoding: text, correction: .medium)
        #expect(qr.version <= 5)
    }

    @Test("another store's code fails its signature")
    func otherStore() throws {
        let other = CryptoPrimitives.newSigningKeyPair()
        let text = try Self.code.signed(privateKey: other.privateKey)
        #expect(throws: TicketCode.Rejection.invalidSignature) { try TicketCode.verify(text, publicKeys: [Self.keys.publicKey]).get() }
    }

    @Test("every single-character change is refused")
    func alterations() throws {
        let text = Array(try Self.code.signed(privateKey: Self.keys.privateKey))
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for index in text.indices {
            var altered = text
            altered[index] = alphabet.first { $0 != text[index] }!
            #expect(throws: TicketCode.Rejection.self) { try TicketCode.verify(String(altered), publicKeys: [Self.keys.publicKey]).get() }
        }
    }

    @Test("truncated, lowercased, padded, empty or random codes are malformed or unsigned")
    func garbage() throws {
        let text = try Self.code.signed(privateKey: Self.keys.privateKey)
        let keys = [Self.keys.publicKey]
        for bad in [
            String(text.dropLast()), String(text.dropLast(10)), text.lowercased(), text + "A", " " + text, "", "hello",
            "B" + text + "1", "a" + text.dropFirst(),
        ] {
            #expect(TicketCode.verify(String(bad), publicKeys: keys) == .failure(.malformed), "\(bad)")
        }
        for _ in 0..<200 {
            let random = Base36.encode([TicketCode.version] + CryptoPrimitives.randomBytes(77), digits: TicketCode.length)
            #expect(TicketCode.verify(random, publicKeys: keys) == .failure(.invalidSignature))
            let oldFormat = "B" + Base45.encode([1] + CryptoPrimitives.randomBytes(79)) + "1"
            #expect(TicketCode.verify(oldFormat, publicKeys: keys) == .failure(.invalidSignature))
        }
        let otherVersion = Base36.encode([3] + CryptoPrimitives.randomBytes(77), digits: TicketCode.length)
        #expect(TicketCode.verify(otherVersion, publicKeys: keys) == .failure(.malformed))
    }

    @Test("attendees are read from \"Name <email>\" or a bare address")
    func attendees() throws {
        #expect(try Attendee.parse("Ana Lima <Ana@Example.org>") == Attendee(name: "Ana Lima", email: "ana@example.org"))
        #expect(try Attendee.parse("\"Lima, Ana\" <ana@example.org>") == Attendee(name: "Lima, Ana", email: "ana@example.org"))
        #expect(try Attendee.parse("bruno@example.org") == Attendee(name: "bruno", email: "bruno@example.org"))
        #expect(throws: BilletterieError.self) { try Attendee.parse("Ana <not-an-email>") }
        #expect(throws: BilletterieError.self) { try Attendee.parse("Ana <ana@example.org") }
    }
}

@Suite("CSV reading (RFC 4180)")
struct CSVTests {
    func read(_ text: String) throws -> [Result<CSVRecord, CSVProblem>] {
        let path = NSTemporaryDirectory() + "csv-\(UUID().uuidString).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try CSVReader(path: path)
        var out: [Result<CSVRecord, CSVProblem>] = []
        while let next = reader.next() { out.append(next) }
        return out
    }

    @Test("quotes, escaped quotes, commas and newlines in fields, CRLF, BOM; records keep their first line number")
    func quoting() throws {
        let records = try read("\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",z\r\n\"multi\nline\",2,3\n\nlast,,\n")
        #expect(
            records == [
                .success(CSVRecord(line: 1, fields: ["a", "b", "c"])),
                .success(CSVRecord(line: 2, fields: ["x, y", "say \"hi\"", "z"])),
                .success(CSVRecord(line: 3, fields: ["multi\nline", "2", "3"])),
                .success(CSVRecord(line: 6, fields: ["last", "", ""])),
            ])
    }

    @Test("bad quoting is reported on its line, and reading goes on")
    func badQuoting() throws {
        let records = try read("a,b\nx\"y,1\n\"ok\"junk,2\ngood,3\n\"never closed,4\n")
        #expect(
            records == [
                .success(CSVRecord(line: 1, fields: ["a", "b"])),
                .failure(CSVProblem(line: 2, message: "a quote inside an unquoted field; quote the whole field and write the quote as \"\"")),
                .failure(CSVProblem(line: 3, message: "text after a closing quote; inside quotes write a quote as \"\"")),
                .success(CSVRecord(line: 4, fields: ["good", "3"])),
                .failure(CSVProblem(line: 5, message: "a quoted field is never closed")),
            ])
    }

    @Test("what CSV.line writes reads back as the same fields, quotes, commas, line ends and formulas anywhere", arguments: [UInt64(0xC5F0_0001), 0xC5F0_0002])
    func roundTrip(seed: UInt64) throws {
        print("CSVTests seed: \(String(seed, radix: 16))")
        var random = SeededGenerator(seed: seed)
        let pieces = ["a", "é", "\"", ",", "\n", "\r\n", "=", "-", "12", ".", " ", "{\"k\":\"v\"}", "Ωμέγα", "@"]
        var text = ""
        var expected: [[String]] = []
        for _ in 0..<300 {
            let fields = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            }
            // A record of one empty field is a blank line, which a reader skips.
            guard fields != [""] else { continue }
            text += CSV.line(fields)
            expected.append(
                fields.map { field in
                    guard let first = field.utf8.first, CSV.startsFormula(first), !CSV.isPlainNumber(field) else { return field }
                    return "'" + field
                })
        }
        let records = try read(text).map { try $0.get().fields }
        #expect(records == expected, "seed \(String(seed, radix: 16))")
    }

    @Test("writing quotes only what needs it")
    func writing() {
        #expect(CSV.line(["a", "b c", "d,e", "say \"hi\"", "x\ny"]) == "a,b c,\"d,e\",\"say \"\"hi\"\"\",\"x\ny\"\r\n")
    }
}
