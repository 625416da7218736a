package io.hoptrace.correlator.internal.report;

/**
 * Appends SVG elements to a buffer: escaped text and attributes, coordinates with at most one decimal. Escaping
 * follows XML 1.0 (section 2.4 for {@code &} and {@code <}, 3.3.3 for quoted attribute values); characters XML
 * 1.0 does not allow at all (section 2.2: most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, so
 * that a proxy name with odd bytes still gives a file every parser reads.
 */
final class TimelineSvg {
    private final StringBuilder sb;

    TimelineSvg(StringBuilder sb) {
        this.sb = sb;
    }

    StringBuilder buffer() {
        return sb;
    }

    /** Opens {@code <g class="...">}; attributes as name/value pairs. */
    TimelineSvg open(String cls, String... attributes) {
        sb.append("<g");
        attr("class", cls);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            attr(attributes[i], attributes[i + 1]);
        }
        sb.append(">\n");
        return this;
    }

    TimelineSvg close() {
        sb.append("</g>\n");
        return this;
    }

    /** A tooltip for the enclosing element (SVG 1.1 section 5.4: the first {@code title} child). */
    TimelineSvg title(String text) {
        sb.append("<title>");
        text(sb, text);
        sb.append("</title>\n");
        return this;
    }

    TimelineSvg rect(String cls, double x, double y, double w, double h) {
        sb.append("<rect");
        attr("class", cls);
        num("x", x).num("y", y).num("width", Math.max(0, w)).num("height", Math.max(0, h));
        sb.append("/>\n");
        return this;
    }

    TimelineSvg line(String cls, double x1, double y1, double x2, double y2) {
        sb.append("<line");
        attr("class", cls);
        num("x1", x1).num("y1", y1).num("x2", x2).num("y2", y2);
        sb.append("/>\n");
        return this;
    }

    /** A closed polygon through the given x,y pairs. */
    TimelineSvg polygon(String cls, double... xy) {
        sb.append("<polygon");
        attr("class", cls);
        sb.append(" points=\"");
        for (int i = 0; i + 1 < xy.length; i += 2) {
            sb.append(i > 0 ? " " : "");
            number(sb, xy[i]);
            sb.append(',');
            number(sb, xy[i + 1]);
        }
        sb.append("\"/>\n");
        return this;
    }

    /** Text starting at x ({@code anchor} "start"), centred on it ("middle"), or ending at it ("end"). */
    TimelineSvg text(String cls, double x, double y, String anchor, String text) {
        sb.append("<text");
        attr("class", cls);
        num("x", x).num("y", y);
        if (!"start".equals(anchor)) {
            attr("text-anchor", anchor);
        }
        sb.append('>');
        text(sb, text);
        sb.append("</text>\n");
        return this;
    }

    TimelineSvg attr(String name, String value) {
        if (value == null) {
            return this;
        }
        sb.append(' ').append(name).append("=\"");
        escape(sb, value, true);
        sb.append('"');
        return this;
    }

    private TimelineSvg num(String name, double v) {
        sb.append(' ').append(name).append("=\"");
        number(sb, v);
        sb.append('"');
        return this;
    }

    /** One decimal at most, no exponent, no locale: the same input always gives the same bytes. */
    static void number(StringBuilder sb, double v) {
        long tenths = Math.round(v * 10);
        if (tenths < 0) {
            sb.append('-');
            tenths = -tenths;
        }
        sb.append(tenths / 10);
        if (tenths % 10 != 0) {
            sb.append('.').append(tenths % 10);
        }
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        escape(b, s, true);
        return b.toString();
    }

    private static void text(StringBuilder sb, String s) {
        escape(sb, s, false);
    }

    private static void escape(StringBuilder sb, String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\'' -> sb.append(attribute ? "&apos;" : "'");
                // Attribute values are normalised (XML 1.0 section 3.3.3): keep whitespace as it was written.
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                case '\r' -> sb.append("&#13;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xfffe || c == 0xffff) {
                        sb.append('\ufffd');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
