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
    private let context: UnsafeMutableRawPointer
    private let layout: UnsafeMutableRawPointer
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
        // One pango context and one layout for the whole document, set to the PDF's unit once
        // (a layout per text made a context per text, and set its resolution each time: most
        // of a page's cost).
        guard let context = api.pointee.create_context(cr), let layout = api.pointee.layout_new(context) else {
            api.pointee.destroy(cr)
            api.pointee.surface_destroy(surface)
            throw Self.unavailable
        }
        // A PDF's unit is the point: at pango's default 96 dpi a "10" font would be 13.3 points.
        api.pointee.context_set_resolution(context, 72)
        // No ligatures: a shaped "ffi" has no WinAnsi code, so cairo would embed the face a
        // second time as a CID font for it alone (every face embedded is most of the cost of
        // a one-ticket PDF), and text copied from the PDF reads as the letters typed.
        if let attributes = api.pointee.attr_list_new() {
            if let features = api.pointee.attr_font_features_new("liga=0, clig=0") { api.pointee.attr_list_insert(attributes, features) }
            api.pointee.layout_set_attributes(layout, attributes)
            api.pointee.attr_list_unref(attributes)
        }
        self.context = context
        self.layout = layout
        api.pointee.pdf_surface_set_metadata(surface, Int32(BILLETTERIE_CAIRO_PDF_METADATA_TITLE), title)
        api.pointee.pdf_surface_set_metadata(surface, Int32(BILLETTERIE_CAIRO_PDF_METADATA_AUTHOR), author)
        api.pointee.pdf_surface_set_metadata(surface, Int32(BILLETTERIE_CAIRO_PDF_METADATA_CREATOR), "billetterie")
    }

    deinit {
        for font in fonts.values { api.pointee.font_description_free(font) }
        api.pointee.object_unref(layout)
        api.pointee.object_unref(context)
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
        api.pointee.layout_set_font_description(layout, self.font(font))
        api.pointee.layout_set_width(layout, Int32(width * Double(BILLETTERIE_PANGO_SCALE)))
        api.pointee.layout_set_wrap(layout, Int32(BILLETTERIE_PANGO_WRAP_WORD_CHAR))
        api.pointee.layout_set_ellipsize(
            layout, Int32(oneLine ? BILLETTERIE_PANGO_ELLIPSIZE_END : BILLETTERIE_PANGO_ELLIPSIZE_NONE))
        api.pointee.layout_set_alignment(layout, Int32(right ? BILLETTERIE_PANGO_ALIGN_RIGHT : BILLETTERIE_PANGO_ALIGN_LEFT))
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

    /// The QR code, `size` points wide including the four-module quiet zone readers need, as
    /// a tiny image of one pixel per module drawn without smoothing: crisp at any zoom and
    /// on paper. (Drawn as vector squares, a page spent most of its time printing their
    /// hundreds of coordinates as decimal text and compressing them.)
    func qr(_ matrix: QRMatrix, x: Double, y: Double, size: Double) {
        let quiet = 4
        let side = matrix.width + 2 * quiet
        guard let image = api.pointee.image_surface_create(Int32(BILLETTERIE_CAIRO_FORMAT_RGB24), Int32(side), Int32(side)),
            let pixels = api.pointee.image_surface_get_data(image)
        else { return }
        defer { api.pointee.surface_destroy(image) }
        api.pointee.surface_flush(image)
        let stride = Int(api.pointee.image_surface_get_stride(image))
        pixels.withMemoryRebound(to: UInt32.self, capacity: stride / 4 * side) { words in
            for row in 0..<side {
                for column in 0..<side {
                    let module = row - quiet
                    let position = column - quiet
                    let dark =
                        module >= 0 && module < matrix.width && position >= 0 && position < matrix.width
                        && matrix.modules[module * matrix.width + position]
                    words[row * stride / 4 + column] = dark ? 0x0000_0000 : 0x00FF_FFFF
                }
            }
        }
        api.pointee.surface_mark_dirty(image)
        api.pointee.save(cr)
        api.pointee.translate(cr, x, y)
        api.pointee.scale(cr, size / Double(side), size / Double(side))
        api.pointee.set_source_surface(cr, image, 0, 0)
        api.pointee.pattern_set_filter(api.pointee.get_source(cr), Int32(BILLETTERIE_CAIRO_FILTER_NEAREST))
        api.pointee.paint(cr)
        api.pointee.restore(cr)
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
