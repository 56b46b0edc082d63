package io.pkgpulse.reporting.badges;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A shields.io-style flat badge: a grey label on the left, a coloured value on the right,
 * Verdana 11 px text with a shadow. Text widths come from a per-character table, so no
 * font is needed on the server. Every text is escaped for XML, whatever a package name or
 * a label contains.
 */
final class BadgeSvg {

    /** shields.io's named colours. */
    static final Map<String, String> COLOURS = Map.of("brightgreen", "#4c1", "green", "#97ca00", "yellowgreen",
            "#a4a61d", "yellow", "#dfb317", "orange", "#fe7d37", "red", "#e05d44", "blue", "#007ec6", "grey", "#555",
            "lightgrey", "#9f9f9f", "informational", "#007ec6");

    private static final Pattern HEX = Pattern.compile("#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");

    private BadgeSvg() {
    }

    /**
     * The colour as {@code #rrggbb} or {@code #rgb}; null when it is neither a known name
     * nor hex.
     */
    static String colour(String requested) {
        if (requested == null) {
            return null;
        }
        String named = COLOURS.get(requested.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        return HEX.matcher(requested).matches() ? (requested.startsWith("#") ? requested : "#" + requested) : null;
    }

    static String render(String label, String value, String colour) {
        int labelWidth = width(label) + 10;
        int valueWidth = width(value) + 10;
        int total = labelWidth + valueWidth;
        String l = escape(label);
        String v = escape(value);
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="%1$d" height="20" role="img" aria-label="%2$s: %3$s">\
                <title>%2$s: %3$s</title>\
                <linearGradient id="s" x2="0" y2="100%%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>\
                <stop offset="1" stop-opacity=".1"/></linearGradient>\
                <clipPath id="r"><rect width="%1$d" height="20" rx="3" fill="#fff"/></clipPath>\
                <g clip-path="url(#r)"><rect width="%4$d" height="20" fill="#555"/>\
                <rect x="%4$d" width="%5$d" height="20" fill="%6$s"/><rect width="%1$d" height="20" fill="url(#s)"/></g>\
                <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">\
                <text x="%7$.1f" y="15" fill="#010101" fill-opacity=".3">%2$s</text>\
                <text x="%7$.1f" y="14">%2$s</text>\
                <text x="%8$.1f" y="15" fill="#010101" fill-opacity=".3">%3$s</text>\
                <text x="%8$.1f" y="14">%3$s</text></g></svg>"""
            .formatted(total, l, v, labelWidth, valueWidth, colour, labelWidth / 2.0, labelWidth + valueWidth / 2.0);
    }

    /**
     * 1234 → {@code 1.2k}, 45678 → {@code 46k}, 1234567 → {@code 1.2M}: what a badge can
     * hold.
     */
    static String human(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        String[] units = { "k", "M", "G", "T", "P" };
        double value = n;
        int unit = -1;
        while (value >= 999.5 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return (value < 9.95 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value))
                + units[unit];
    }

    /** Approximate width in pixels of Verdana 11 px text. */
    static int width(String text) {
        double width = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            width += c == ' ' ? 3.9 : "il.,:;|!'".indexOf(c) >= 0 ? 3.5 : "fjrt()[]{}/-".indexOf(c) >= 0 ? 4.8
                    : "mwMW@%".indexOf(c) >= 0 ? 10.5 : Character.isUpperCase(c) ? 7.6 : 7.0;
        }
        return (int) Math.ceil(width);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    // XML 1.0 allows no control characters but tab, newline and carriage
                    // return.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

}
