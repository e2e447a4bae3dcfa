import Foundation

/// How `ticket find` matches what door staff type against names and addresses: case and
/// accents ignored, any word order. Tickets keep their names folded this way
/// (`tickets.search_text`), so a search is a scan of one column, not a fold per row.
public enum TicketSearch {
    /// Lower case, accents and width folded: `Zoé` and `ZOE` both read `zoe`.
    public static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
    }

    /// The folded text a ticket is found by: its attendee's and its buyer's names and addresses.
    public static func text(attendee: Attendee, buyer: Attendee) -> String {
        fold([attendee.name, attendee.email, buyer.name, buyer.email].joined(separator: " "))
    }

    /// The words of a query, folded; every one must appear.
    public static func words(_ query: String) -> [String] {
        fold(query).split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
    }
}
