import Foundation

/// One e-mail as RFC 5322 + MIME bytes: the text and HTML alternatives, inline images the
/// HTML refers to by Content-ID, and attachments (the calendar entry).
///
/// Written by hand: the packages on the mirror parse or send mail over the network, none
/// builds a message file. The structure is the one mail programs expect:
///
///     multipart/mixed
///       multipart/related            (only with images)
///         multipart/alternative
///           text/plain; charset=utf-8   quoted-printable
///           text/html; charset=utf-8    quoted-printable
///         image/png                  inline, Content-ID
///       text/calendar; method=...    attachment
///
/// Lines end in CRLF on the wire (`wireBytes`) and LF on disk (`bytes`), and stay under 78 characters; non-ASCII header text is RFC 2047
/// encoded words.
public struct MailMessage: Sendable {
    public struct Mailbox: Sendable, Equatable {
        public var name: String
        public var address: String

        public init(name: String, address: String) {
            self.name = name
            self.address = address
        }

        /// Reads `Name <address>` or a bare address.
        public static func parse(_ raw: String) -> Mailbox? {
            guard let attendee = try? Attendee.parse(raw) else { return nil }
            // Attendee.parse names a bare address after its local part; a sender stays unnamed.
            let named = raw.firstIndex(of: "<").map { !raw[..<$0].trimmingCharacters(in: .whitespaces).isEmpty } ?? false
            return Mailbox(name: named ? attendee.name : "", address: attendee.email)
        }

        /// The header form: the name quoted or encoded as needed.
        var header: String {
            guard !name.isEmpty else { return address }
            return MailMessage.headerPhrase(name) + " <" + address + ">"
        }
    }

    public struct Part: Sendable {
        public var contentType: String
        public var fileName: String?
        public var contentID: String?
        public var bytes: [UInt8]

        public init(contentType: String, fileName: String? = nil, contentID: String? = nil, bytes: [UInt8]) {
            self.contentType = contentType
            self.fileName = fileName
            self.contentID = contentID
            self.bytes = bytes
        }
    }

    public var from: Mailbox
    public var to: [Mailbox]
    public var subject: String
    public var date: Date
    /// Without angle brackets: `ntf_x@example.org`.
    public var messageID: String
    public var text: String
    public var html: String
    public var inlineImages: [Part] = []
    public var attachments: [Part] = []

    public init(from: Mailbox, to: [Mailbox], subject: String, date: Date, messageID: String, text: String, html: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.text = text
        self.html = html
    }

    /// The message as a Maildir file holds it: LF line ends, as mail readers (mutt) and
    /// delivery agents expect on disk. CR never occurs in the message otherwise (text parts
    /// are quoted-printable, the rest base64), so dropping every CR of a CRLF is exact.
    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        let wire = wireBytes()
        out.reserveCapacity(wire.count)
        for (index, byte) in wire.enumerated() where !(byte == 13 && index + 1 < wire.count && wire[index + 1] == 10) {
            out.append(byte)
        }
        return out
    }

    /// The whole message as sent (CRLF line ends, RFC 5322). Boundaries come from the
    /// Message-ID, so the same message is written byte for byte the same each time.
    public func wireBytes() -> [UInt8] {
        let seed = messageID.utf8.reduce(UInt64(1_469_598_103_934_665_603)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
        func boundary(_ level: Int) -> String { "=_billetterie_\(level)_" + String(seed, radix: 36) }

        var out = ""
        out.reserveCapacity(text.utf8.count * 2 + html.utf8.count * 2 + inlineImages.reduce(0) { $0 + $1.bytes.count * 2 } + 4096)
        func line(_ s: String) { out += s + "\r\n" }
        line("From: " + from.header)
        line(Self.folded("To: " + to.map(\.header).joined(separator: ", ")))
        line(Self.folded("Subject: " + Self.encodedHeaderText(subject)))
        line("Date: " + Self.rfc5322Date(date))
        line("Message-ID: <" + messageID + ">")
        line("MIME-Version: 1.0")
        line("X-Mailer: billetterie")

        let alternative = boundary(3)
        func writeAlternative() {
            line("Content-Type: multipart/alternative; boundary=\"\(alternative)\"")
            line("")
            line("--" + alternative)
            writeText(text, subtype: "plain")
            line("--" + alternative)
            writeText(html, subtype: "html")
            line("--" + alternative + "--")
        }
        func writeText(_ body: String, subtype: String) {
            line("Content-Type: text/\(subtype); charset=utf-8")
            line("Content-Transfer-Encoding: quoted-printable")
            line("")
            line(Self.quotedPrintable(body))
        }
        func writeBinary(_ part: Part, disposition: String) {
            var type = part.contentType
            if let name = part.fileName { type += "; name=\"\(name)\"" }
            line("Content-Type: " + type)
            line("Content-Transfer-Encoding: base64")
            if let id = part.contentID { line("Content-ID: <\(id)>") }
            line("Content-Disposition: " + disposition + (part.fileName.map { "; filename=\"\($0)\"" } ?? ""))
            line("")
            out += Self.base64Lines(part.bytes)
        }
        func writeRelated() {
            guard !inlineImages.isEmpty else { return writeAlternative() }
            let related = boundary(2)
            line("Content-Type: multipart/related; boundary=\"\(related)\"; type=\"multipart/alternative\"")
            line("")
            line("--" + related)
            writeAlternative()
            for image in inlineImages {
                line("--" + related)
                writeBinary(image, disposition: "inline")
            }
            line("--" + related + "--")
        }
        if attachments.isEmpty {
            writeRelated()
        } else {
            let mixed = boundary(1)
            line("Content-Type: multipart/mixed; boundary=\"\(mixed)\"")
            line("")
            line("This is a message in MIME format.")
            line("--" + mixed)
            writeRelated()
            for attachment in attachments {
                line("--" + mixed)
                writeBinary(attachment, disposition: "attachment")
            }
            line("--" + mixed + "--")
        }
        return Array(out.utf8)
    }

    // MARK: Encodings

    /// RFC 5322 date-time: `Sat, 01 Aug 2026 10:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let c = CivilTime(date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(days[((c.daysSinceEpoch % 7) + 7) % 7]), \(two(c.day)) \(months[c.month - 1]) \(c.year) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }

    /// Header text: as is when it is printable ASCII, else RFC 2047 `B` encoded words,
    /// each under 75 characters and never splitting a character.
    static func encodedHeaderText(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) && !text.contains("=?") { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39 {  // 52 base64 characters: a word and its header name fit a line
                words.append("=?utf-8?b?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?b?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: " ")
    }

    /// A display name: an atom sequence as is, a quoted string when it has specials,
    /// encoded words when it is not ASCII.
    static func headerPhrase(_ name: String) -> String {
        guard name.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) else { return encodedHeaderText(name) }
        let specials = Set("()<>[]:;@\\,.\"")
        guard name.contains(where: { specials.contains($0) }) else { return name }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Folds a header line at spaces so no line passes 78 characters (encoded words are
    /// separated by spaces, so they fold too).
    static func folded(_ header: String) -> String {
        guard header.count > 78 else { return header }
        var lines: [String] = []
        var current = ""
        for word in header.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && !(lines.isEmpty && current.hasSuffix(":")) && current.count + 1 + word.count > 76 {
                lines.append(current)
                current = " " + word  // a continuation line starts with white space
            } else {
                current += (current.isEmpty && lines.isEmpty ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// Quoted-printable (RFC 2045) of UTF-8 text with CRLF line ends and soft breaks
    /// keeping lines at most 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 11 / 10)
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { out += [13, 10] }
            var length = 0
            let bytes = Array(line.utf8)
            for (position, byte) in bytes.enumerated() {
                let last = position == bytes.count - 1
                let plain = (byte >= 33 && byte <= 126 && byte != 61) || (byte == 32 && !last) || (byte == 9 && !last)
                let width = plain ? 1 : 3
                if length + width > 75 {
                    out += [61, 13, 10]  // soft line break
                    length = 0
                }
                if plain {
                    out.append(byte)
                } else {
                    out += [61, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                }
                length += width
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 in lines of 76 characters, each ending CRLF.
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return encoded.isEmpty ? "" : encoded + "\r\n"
    }
}
