import Foundation
import Yams

/// An event with its tiers as `event import` reads and `event export` writes it, in JSON or
/// YAML (CLI.md section 9). The only file importing Yams. Unknown fields are refused, so a
/// typo (`prise:`) is an error rather than a silently ignored line.
public struct EventDocument: Codable, Equatable, Sendable {
    public var key: String?
    public var title: String?
    public var status: String?
    public var startsAt: String?
    public var endsAt: String?
    public var timezone: String?
    public var venue: VenueDocument?
    public var category: String?
    public var capacity: Int?
    public var currency: String?
    public var description: String?
    public var salesStart: String?
    public var salesEnd: String?
    public var vatRate: String?
    public var tiers: [TierDocument]?

    public struct VenueDocument: Codable, Equatable, Sendable {
        public var name: String?
        public var address: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case name, address }

        public init(name: String?, address: String?) {
            self.name = name
            self.address = address
        }

        /// `venue: Salle Pleyel` is accepted as well as `venue: {name: ..., address: ...}`.
        public init(from decoder: Decoder) throws {
            if let name = try? decoder.singleValueContainer().decode(String.self) {
                self.init(name: name, address: nil)
                return
            }
            try rejectUnknownKeys(decoder, CodingKeys.allCases.map(\.rawValue))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(name: try c.decodeIfPresent(String.self, forKey: .name), address: try c.decodeIfPresent(String.self, forKey: .address))
        }
    }

    public struct TierDocument: Codable, Equatable, Sendable {
        public var name: String?
        /// A decimal, as text: `12.50`. Files may give a number or a string.
        public var price: String?
        public var quota: Int?
        public var maxPerOrder: Int?
        public var addon: Bool?
        public var salesStart: String?
        public var salesEnd: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, price, quota
            case maxPerOrder = "max_per_order"
            case addon
            case salesStart = "sales_start"
            case salesEnd = "sales_end"
        }

        public init(name: String?, price: String?, quota: Int?, maxPerOrder: Int?, addon: Bool?, salesStart: String?, salesEnd: String?) {
            self.name = name
            self.price = price
            self.quota = quota
            self.maxPerOrder = maxPerOrder
            self.addon = addon
            self.salesStart = salesStart
            self.salesEnd = salesEnd
        }

        public init(from decoder: Decoder) throws {
            try rejectUnknownKeys(decoder, CodingKeys.allCases.map(\.rawValue))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            price = try decodeDecimal(c, .price)
            quota = try c.decodeIfPresent(Int.self, forKey: .quota)
            maxPerOrder = try c.decodeIfPresent(Int.self, forKey: .maxPerOrder)
            addon = try c.decodeIfPresent(Bool.self, forKey: .addon)
            salesStart = try c.decodeIfPresent(String.self, forKey: .salesStart)
            salesEnd = try c.decodeIfPresent(String.self, forKey: .salesEnd)
        }
    }

    // Declaration order is the order fields are written in YAML.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case key, title, status
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case timezone, venue, category, capacity, currency, description
        case salesStart = "sales_start"
        case salesEnd = "sales_end"
        case vatRate = "vat_rate"
        case tiers
    }

    public init() {}

    public init(from decoder: Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decodeIfPresent(String.self, forKey: .key)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        category = try c.decodeIfPresent(String.self, forKey: .category)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        startsAt = try c.decodeIfPresent(String.self, forKey: .startsAt)
        endsAt = try c.decodeIfPresent(String.self, forKey: .endsAt)
        timezone = try c.decodeIfPresent(String.self, forKey: .timezone)
        currency = try c.decodeIfPresent(String.self, forKey: .currency)
        capacity = try c.decodeIfPresent(Int.self, forKey: .capacity)
        salesStart = try c.decodeIfPresent(String.self, forKey: .salesStart)
        salesEnd = try c.decodeIfPresent(String.self, forKey: .salesEnd)
        vatRate = try decodeDecimal(c, .vatRate)
        venue = try c.decodeIfPresent(VenueDocument.self, forKey: .venue)
        tiers = try c.decodeIfPresent([TierDocument].self, forKey: .tiers)
    }

    public enum Format: String, Sendable { case json, yaml }

    /// Reads a file, JSON or YAML by its extension (else by its first character).
    public static func load(path: String) throws -> EventDocument {
        let data = try FileSystem.readInputFile(path)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw BilletterieError.invalidInput(code: "not_utf8", message: "\(path) is not valid UTF-8")
        }
        let lower = path.lowercased()
        let format: Format =
            lower.hasSuffix(".json")
            ? .json
            : (lower.hasSuffix(".yaml") || lower.hasSuffix(".yml"))
                ? .yaml
                : text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).first == "{" ? .json : .yaml
        return try parse(text, format: format, source: path)
    }

    public static func parse(_ text: String, format: Format, source: String) throws -> EventDocument {
        do {
            let document =
                switch format {
                case .json: try JSONDecoder().decode(EventDocument.self, from: Data(text.utf8))
                case .yaml: try YAMLDecoder().decode(EventDocument.self, from: text)
                }
            try document.checkFreeText(source: source)
            return document
        } catch let error as DecodingError {
            throw BilletterieError.invalidInput(code: "invalid_event_file", message: "\(source): \(describe(error))")
        } catch let error as BilletterieError {
            throw error
        } catch {
            throw BilletterieError.invalidInput(code: "invalid_event_file", message: "\(source): not valid \(format == .json ? "JSON" : "YAML"): \(error)")
        }
    }

    /// Refuses control characters in every field people read (exit 65), naming the field.
    func checkFreeText(source: String) throws {
        var fields: [(String, String?, Bool)] = [
            ("key", key, false), ("title", title, false), ("description", description, true),
            ("category", category, false), ("venue.name", venue?.name, false),
            ("venue.address", venue?.address, false),
        ]
        for (index, tier) in (tiers ?? []).enumerated() { fields.append(("tiers[\(index)].name", tier.name, false)) }
        for (name, value, multiline) in fields {
            guard let value else { continue }
            try FreeText.check(value, field: "\(source): \(name)", multiline: multiline)
        }
    }

    /// The document as text in `format`.
    public func render(_ format: Format) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
        case .yaml:
            let encoder = YAMLEncoder()
            encoder.options = .init(allowUnicode: true)  // "Mutualité", not "Mutualit\xE9"
            return try encoder.encode(self)
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .typeMismatch(_, let context) where context.codingPath.isEmpty,
            .valueNotFound(_, let context) where context.codingPath.isEmpty:
            return "the file should hold one event: fields such as key, title, starts_at, venue and tiers"
        case .typeMismatch(let type, let context):
            return
                "'\(path(context))' should be \(type == String.self ? "text" : type == Int.self ? "a whole number" : type == Bool.self ? "true or false" : "\(type)")"
        case .valueNotFound(_, let context):
            return "'\(path(context))' has no value"
        case .keyNotFound(let key, let context):
            return "'\(path(context))' lacks '\(key.stringValue)'"
        case .dataCorrupted(let context):
            let location = path(context)
            return (location.isEmpty ? "" : "'\(location)': ") + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Throws for a field the format does not have, naming it and its place.
private func rejectUnknownKeys(_ decoder: Decoder, _ known: [String]) throws {
    guard let container = try? decoder.container(keyedBy: AnyKey.self) else { return }
    if let unknown = container.allKeys.first(where: { !known.contains($0.stringValue) }) {
        throw DecodingError.dataCorrupted(
            .init(
                codingPath: container.codingPath + [unknown],
                debugDescription: "unknown field; the fields are \(known.joined(separator: ", "))"))
    }
}

/// A decimal given as a string or a number; numbers are read back in their shortest
/// spelling (12.5 → "12.5"), so no float rounding reaches the amount.
private func decodeDecimal<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> String? {
    guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
    if let text = try? container.decode(String.self, forKey: key) { return text }
    if let whole = try? container.decode(Int64.self, forKey: key) { return String(whole) }
    if let number = try? container.decode(Double.self, forKey: key) { return "\(number)" }
    throw DecodingError.typeMismatch(String.self, .init(codingPath: container.codingPath + [key], debugDescription: "expected a price"))
}
