// cairo (PDF surfaces, vector drawing) and pango (text layout with font fallback, so Latin,
// Greek and Cyrillic names, and CJK when a font for it is installed, print as real text).
//
// Loaded with dlopen on the first PDF rather than linked, like libpq: pango brings glib,
// harfbuzz, fontconfig and freetype, whose loading would cost every door scan's process a
// few milliseconds. No header is needed at build time either: the few functions used are
// declared here over opaque pointers, so building needs neither libcairo2-dev nor
// libpango1.0-dev (Debian's libpangocairo-1.0-0 is needed at run time, for printing only).
#include <dlfcn.h>
#include <stddef.h>

typedef int (*billetterie_cairo_write_func)(void *closure, const unsigned char *data, unsigned int length);

typedef struct {
    void *(*pdf_surface_create_for_stream)(billetterie_cairo_write_func write, void *closure, double width, double height);
    void (*pdf_surface_set_size)(void *surface, double width, double height);
    void (*pdf_surface_set_metadata)(void *surface, int metadata, const char *utf8);
    int (*surface_status)(void *surface);
    void (*surface_finish)(void *surface);
    void (*surface_destroy)(void *surface);
    void *(*create)(void *surface);
    void (*destroy)(void *cr);
    int (*status)(void *cr);
    const char *(*status_to_string)(int status);
    void (*show_page)(void *cr);
    void (*set_source_rgb)(void *cr, double red, double green, double blue);
    void (*rectangle)(void *cr, double x, double y, double width, double height);
    void (*fill)(void *cr);
    void (*stroke)(void *cr);
    void (*set_line_width)(void *cr, double width);
    void (*move_to)(void *cr, double x, double y);
    void (*line_to)(void *cr, double x, double y);
    void *(*image_surface_create)(int format, int width, int height);
    unsigned char *(*image_surface_get_data)(void *surface);
    int (*image_surface_get_stride)(void *surface);
    void (*surface_flush)(void *surface);
    void (*surface_mark_dirty)(void *surface);
    void (*save)(void *cr);
    void (*restore)(void *cr);
    void (*translate)(void *cr, double x, double y);
    void (*scale)(void *cr, double x, double y);
    void (*set_source_surface)(void *cr, void *surface, double x, double y);
    void *(*get_source)(void *cr);
    void (*pattern_set_filter)(void *pattern, int filter);
    void (*paint)(void *cr);
    void *(*create_context)(void *cr);
    void *(*layout_new)(void *context);
    void (*layout_set_text)(void *layout, const char *text, int length);
    void *(*font_description_from_string)(const char *text);
    void (*font_description_free)(void *description);
    void (*layout_set_font_description)(void *layout, const void *description);
    void (*layout_set_width)(void *layout, int width);
    void (*layout_set_wrap)(void *layout, int wrap);
    void (*layout_set_ellipsize)(void *layout, int ellipsize);
    void (*layout_set_alignment)(void *layout, int alignment);
    void (*layout_get_size)(void *layout, int *width, int *height);
    int (*layout_get_unknown_glyphs_count)(void *layout);
    void (*show_layout)(void *cr, void *layout);
    void (*context_set_resolution)(void *context, double dpi);
    void *(*attr_list_new)(void);
    void (*attr_list_insert)(void *list, void *attribute);
    void (*attr_list_unref)(void *list);
    void *(*attr_font_features_new)(const char *features);
    void (*layout_set_attributes)(void *layout, void *list);
    void (*object_unref)(void *object);
} billetterie_pango_api;

enum {
    BILLETTERIE_PANGO_SCALE = 1024,
    BILLETTERIE_PANGO_WRAP_WORD_CHAR = 2,
    BILLETTERIE_PANGO_ELLIPSIZE_NONE = 0,
    BILLETTERIE_PANGO_ELLIPSIZE_END = 3,
    BILLETTERIE_PANGO_ALIGN_LEFT = 0,
    BILLETTERIE_PANGO_ALIGN_RIGHT = 2,
    BILLETTERIE_CAIRO_FORMAT_RGB24 = 1,
    BILLETTERIE_CAIRO_FILTER_NEAREST = 3,
    BILLETTERIE_CAIRO_PDF_METADATA_TITLE = 0,
    BILLETTERIE_CAIRO_PDF_METADATA_AUTHOR = 1,
    BILLETTERIE_CAIRO_PDF_METADATA_CREATOR = 4,
};

// The functions, or NULL when libpangocairo-1.0.so.0 cannot be loaded (not installed).
static inline const billetterie_pango_api *billetterie_pango(void) {
    static billetterie_pango_api api;
    static int state = 0;  // 0 not tried, 1 loaded, -1 failed
    if (state == 0) {
        // Its dependencies (pango, cairo, gobject) come with it; dlsym on the handle finds
        // their functions too.
        void *lib = dlopen("libpangocairo-1.0.so.0", RTLD_LAZY | RTLD_LOCAL);
        state = -1;
        if (lib) {
#define BILLETTERIE_PANGO(field, name) api.field = (__typeof__(api.field))dlsym(lib, name); if (!api.field) return NULL;
            BILLETTERIE_PANGO(pdf_surface_create_for_stream, "cairo_pdf_surface_create_for_stream")
            BILLETTERIE_PANGO(pdf_surface_set_size, "cairo_pdf_surface_set_size")
            BILLETTERIE_PANGO(pdf_surface_set_metadata, "cairo_pdf_surface_set_metadata")
            BILLETTERIE_PANGO(surface_status, "cairo_surface_status")
            BILLETTERIE_PANGO(surface_finish, "cairo_surface_finish")
            BILLETTERIE_PANGO(surface_destroy, "cairo_surface_destroy")
            BILLETTERIE_PANGO(create, "cairo_create")
            BILLETTERIE_PANGO(destroy, "cairo_destroy")
            BILLETTERIE_PANGO(status, "cairo_status")
            BILLETTERIE_PANGO(status_to_string, "cairo_status_to_string")
            BILLETTERIE_PANGO(show_page, "cairo_show_page")
            BILLETTERIE_PANGO(set_source_rgb, "cairo_set_source_rgb")
            BILLETTERIE_PANGO(rectangle, "cairo_rectangle")
            BILLETTERIE_PANGO(fill, "cairo_fill")
            BILLETTERIE_PANGO(stroke, "cairo_stroke")
            BILLETTERIE_PANGO(set_line_width, "cairo_set_line_width")
            BILLETTERIE_PANGO(move_to, "cairo_move_to")
            BILLETTERIE_PANGO(line_to, "cairo_line_to")
            BILLETTERIE_PANGO(image_surface_create, "cairo_image_surface_create")
            BILLETTERIE_PANGO(image_surface_get_data, "cairo_image_surface_get_data")
            BILLETTERIE_PANGO(image_surface_get_stride, "cairo_image_surface_get_stride")
            BILLETTERIE_PANGO(surface_flush, "cairo_surface_flush")
            BILLETTERIE_PANGO(surface_mark_dirty, "cairo_surface_mark_dirty")
            BILLETTERIE_PANGO(save, "cairo_save")
            BILLETTERIE_PANGO(restore, "cairo_restore")
            BILLETTERIE_PANGO(translate, "cairo_translate")
            BILLETTERIE_PANGO(scale, "cairo_scale")
            BILLETTERIE_PANGO(set_source_surface, "cairo_set_source_surface")
            BILLETTERIE_PANGO(get_source, "cairo_get_source")
            BILLETTERIE_PANGO(pattern_set_filter, "cairo_pattern_set_filter")
            BILLETTERIE_PANGO(paint, "cairo_paint")
            BILLETTERIE_PANGO(create_context, "pango_cairo_create_context")
            BILLETTERIE_PANGO(layout_new, "pango_layout_new")
            BILLETTERIE_PANGO(layout_set_text, "pango_layout_set_text")
            BILLETTERIE_PANGO(font_description_from_string, "pango_font_description_from_string")
            BILLETTERIE_PANGO(font_description_free, "pango_font_description_free")
            BILLETTERIE_PANGO(layout_set_font_description, "pango_layout_set_font_description")
            BILLETTERIE_PANGO(layout_set_width, "pango_layout_set_width")
            BILLETTERIE_PANGO(layout_set_wrap, "pango_layout_set_wrap")
            BILLETTERIE_PANGO(layout_set_ellipsize, "pango_layout_set_ellipsize")
            BILLETTERIE_PANGO(layout_set_alignment, "pango_layout_set_alignment")
            BILLETTERIE_PANGO(layout_get_size, "pango_layout_get_size")
            BILLETTERIE_PANGO(layout_get_unknown_glyphs_count, "pango_layout_get_unknown_glyphs_count")
            BILLETTERIE_PANGO(show_layout, "pango_cairo_show_layout")
            BILLETTERIE_PANGO(context_set_resolution, "pango_cairo_context_set_resolution")
            BILLETTERIE_PANGO(attr_list_new, "pango_attr_list_new")
            BILLETTERIE_PANGO(attr_list_insert, "pango_attr_list_insert")
            BILLETTERIE_PANGO(attr_list_unref, "pango_attr_list_unref")
            BILLETTERIE_PANGO(attr_font_features_new, "pango_attr_font_features_new")
            BILLETTERIE_PANGO(layout_set_attributes, "pango_layout_set_attributes")
            BILLETTERIE_PANGO(object_unref, "g_object_unref")
#undef BILLETTERIE_PANGO
            state = 1;
        }
    }
    return state == 1 ? &api : NULL;
}
