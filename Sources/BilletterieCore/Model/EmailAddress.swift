import Foundation

/// E-mail addresses as the box office keeps them: trimmed, lowercased and in Unicode NFC, so
/// that `Ana@X.org` and `ana@x.org`, or `jos\u{e9}@x.org` and `jose\u{301}@x.org` (which print
/// the same), are one account and one buyer.
public enum EmailAddress {
    /// Whether two stored addresses are the same, byte for byte. Swift's `==` on strings
    /// treats canonically equivalent spellings as equal, which SQLite does not: two accounts
    /// stored before NFC was applied could pass for one (CLI.md section 16).
    public static func same(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return false }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// The form two addresses that print the same share (for finding look-alikes made before).
    public static func folded(_ address: String) -> String {
        address.precomposedStringWithCanonicalMapping.lowercased().precomposedStringWithCanonicalMapping
    }

    private static let localSpecials = Set("!#$%&'*+/=?^_`{|}~.-")

    /// Checks and normalises an address; throws `invalid_email` naming what is wrong.
    public static func normalize(_ raw: String) throws -> String {
        let text = folded(raw.trimmingCharacters(in: .whitespaces))
        func refuse(_ why: String) -> BilletterieError {
            .invalidInput(code: "invalid_email", message: "invalid email '\(raw)': \(why); expected an address like ana@example.org")
        }
        guard !text.isEmpty else { throw refuse("it is empty") }
        guard text.count <= 254 else { throw refuse("longer than 254 characters") }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw refuse(parts.count < 2 ? "no @" : "more than one @") }
        let local = parts[0]
        let domain = parts[1]
        guard !local.isEmpty, local.count <= 64 else { throw refuse("the part before @ must have 1 to 64 characters") }
        guard local.allSatisfy({ $0.isLetter || $0.isNumber || localSpecials.contains($0) }) else {
            throw refuse("the part before @ has a character an address cannot hold")
        }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
            throw refuse("misplaced dot before @")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { throw refuse("the domain '\(domain)' has no dot") }
        for label in labels {
            guard !label.isEmpty, label.count <= 63,
                label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }),
                !label.hasPrefix("-"), !label.hasSuffix("-")
            else { throw refuse("the domain '\(domain)' is not a valid host name") }
        }
        return text
    }
}
