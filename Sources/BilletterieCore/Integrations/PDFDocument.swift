import CPango

/// Paper sizes, in PostScript points (1/72 inch).
public enum Paper: String, Sendable, CaseIterable {
    case a4, letter

    var width: Double { self == .a4 ? 595.276 : 612 }
    var height: Double { self == .a4 ? 841.89 : 792 }

    public static func parse(_ text: String) throws -> Paper {
        guard let paper = Paper(rawValue: text.lowercased()) else {
            throw BilletterieError.invalidInput(code: "invalid_paper", message: "unknown paper '\(text)'; use a4 or letter")
        }
        return paper
    }
}

/// A PDF drawn with cairo and laid out with pango (Debian's libpangocairo, loaded on first
/// use: see Sources/CPango/shim.h). Text is real text, with the fonts' glyphs embedded as
/// subsets, so a reader can search and copy it; pango falls back through the installed fonts
/// for scripts the first has no glyphs for. QR codes are drawn as vector squares.
///
/// Why cairo and pango rather than libharu: libharu draws one font at a time with no
/// fallback and no shaping, so a name mixing Latin and Cyrillic, or any complex script,
/// would need our own font selection; pango does it through fontconfig like every desktop
/// program, and cairo's PDF output is what poppler, browsers and printers read every day.
final class PDFDocument {
    private final class Sink {
        var bytes: [UInt8] = []
    }

    let paper: Paper
    private let api: UnsafePointer<billetterie_pango_api>
    private let surface: UnsafeMutableRawPointer
    private let cr: UnsafeMutableRawPointer
    private let sink = Sink()
    private var fonts: [String: UnsafeMutableRawPointer] = [:]
    private var finished = false
    /// Texts that held characters no installed font can draw (printed as boxes).
    private(set) var missingGlyphs: [String] = []

    /// Whether printing is possible here (libpangocairo-1.0-0 installed).
    static var isAvailable: Bool { billetterie_pango() != nil }

    static let unavailable = BilletterieError.cannotCreate(
        path: "the PDF",
        reason: "printing needs cairo and pango: apt-get install libpangocairo-1.0-0 fonts-dejavu-core")

    init(paper: Paper, title: String, author: String) throws {
        guard let api = billetterie_pango() else { throw Self.unavailable }
        self.api = api
        self.paper = paper
        let write: billetterie_cairo_write_func = { closure, data, length in
            guard let closure, let data else { return 0 }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return 0  // CAIRO_STATUS_SUCCESS
        }
        guard let surface = api.pointee.pdf_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(), paper.width, paper.height)
        else { throw Self.unavailable }
        self.surface = surface
        guard let cr = api.pointee.create(surface) else {
            api.pointee.surface_destroy(surface)
            throw Self.unavailable
        }
        self.cr = cr
        api.pointee.pdf_surface_set_metadata(surface, Int32(BILLETTERIE_CAIRO_PDF_METADATA_TITLE), title)
        api.pointee.pdf_surface_set_metadata(surface, Int32(BILLETTERIE_CAIRO_PDF_METADATA_AUTHOR), author)
        api.pointee.pdf_surface_set_metadata(surface, Int32(BILLETTERIE_CAIRO_PDF_METADATA_CREATOR), "billetterie")
    }

    deinit {
        for font in fonts.values { api.pointee.font_description_free(font) }
        api.pointee.destroy(cr)
        api.pointee.surface_destroy(surface)
    }

    private func font(_ description: String) -> UnsafeMutableRawPointer? {
        if let cached = fonts[description] { return cached }
        let font = api.pointee.font_description_from_string(description)
        fonts[description] = font
        return font
    }

    /// Draws `text` with its top-left corner at (x, y), wrapped (or cut with an ellipsis) to
    /// `width`; returns the height it took.
    @discardableResult
    func text(
        _ text: String, x: Double, y: Double, width: Double, font: String = "DejaVu Sans 11", gray: Double = 0, oneLine: Bool = false,
        right: Bool = false
    ) -> Double {
        guard let layout = api.pointee.create_layout(cr) else { return 0 }
        defer { api.pointee.object_unref(layout) }
        // A PDF's unit is the point: at pango's default 96 dpi a "10" font would be 13.3 points.
        api.pointee.context_set_resolution(api.pointee.layout_get_context(layout), 72)
        api.pointee.layout_context_changed(layout)
        api.pointee.layout_set_font_description(layout, self.font(font))
        api.pointee.layout_set_width(layout, Int32(width * Double(BILLETTERIE_PANGO_SCALE)))
        if oneLine {
            api.pointee.layout_set_ellipsize(layout, Int32(BILLETTERIE_PANGO_ELLIPSIZE_END))
        } else {
            api.pointee.layout_set_wrap(layout, Int32(BILLETTERIE_PANGO_WRAP_WORD_CHAR))
        }
        if right { api.pointee.layout_set_alignment(layout, Int32(BILLETTERIE_PANGO_ALIGN_RIGHT)) }
        api.pointee.layout_set_text(layout, text, Int32(text.utf8.count))
        if api.pointee.layout_get_unknown_glyphs_count(layout) > 0 { missingGlyphs.append(text) }
        api.pointee.set_source_rgb(cr, gray, gray, gray)
        api.pointee.move_to(cr, x, y)
        api.pointee.show_layout(cr, layout)
        var w: Int32 = 0
        var h: Int32 = 0
        api.pointee.layout_get_size(layout, &w, &h)
        return Double(h) / Double(BILLETTERIE_PANGO_SCALE)
    }

    func fill(x: Double, y: Double, width: Double, height: Double, gray: Double) {
        api.pointee.set_source_rgb(cr, gray, gray, gray)
        api.pointee.rectangle(cr, x, y, width, height)
        api.pointee.fill(cr)
    }

    func line(from: (Double, Double), to: (Double, Double), width: Double = 0.5, gray: Double = 0.6) {
        api.pointee.set_source_rgb(cr, gray, gray, gray)
        api.pointee.set_line_width(cr, width)
        api.pointee.move_to(cr, from.0, from.1)
        api.pointee.line_to(cr, to.0, to.1)
        api.pointee.stroke(cr)
    }

    func frame(x: Double, y: Double, width: Double, height: Double, gray: Double = 0.6) {
        api.pointee.set_source_rgb(cr, gray, gray, gray)
        api.pointee.set_line_width(cr, 0.8)
        api.pointee.rectangle(cr, x, y, width, height)
        api.pointee.stroke(cr)
    }

    /// The QR code as black squares on white, `size` points wide including the four-module
    /// quiet zone readers need.
    func qr(_ matrix: QRMatrix, x: Double, y: Double, size: Double) {
        let quiet = 4
        let module = size / Double(matrix.width + 2 * quiet)
        fill(x: x, y: y, width: size, height: size, gray: 1)
        api.pointee.set_source_rgb(cr, 0, 0, 0)
        for row in 0..<matrix.width {
            // Runs of dark modules as one rectangle each: smaller files, no hairline seams.
            var column = 0
            while column < matrix.width {
                guard matrix.modules[row * matrix.width + column] else {
                    column += 1
                    continue
                }
                let start = column
                while column < matrix.width && matrix.modules[row * matrix.width + column] { column += 1 }
                api.pointee.rectangle(
                    cr, x + Double(start + quiet) * module, y + Double(row + quiet) * module, Double(column - start) * module, module)
            }
        }
        api.pointee.fill(cr)
    }

    func newPage() {
        api.pointee.show_page(cr)
    }

    /// Ends the last page and returns the whole file.
    func finish() throws -> [UInt8] {
        if !finished {
            api.pointee.show_page(cr)
            api.pointee.surface_finish(surface)
            finished = true
        }
        let status = api.pointee.surface_status(surface)
        guard status == 0 else {
            let reason = api.pointee.status_to_string(status).map { String(cString: $0) } ?? "cairo status \(status)"
            throw BilletterieError.cannotCreate(path: "the PDF", reason: reason)
        }
        return sink.bytes
    }
}
