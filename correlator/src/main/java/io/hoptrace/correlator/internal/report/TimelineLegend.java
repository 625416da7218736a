package io.hoptrace.correlator.internal.report;

import static io.hoptrace.correlator.internal.report.TimelineStyle.FONT;
import static io.hoptrace.correlator.internal.report.TimelineStyle.LABEL_X;
import static io.hoptrace.correlator.internal.report.TimelineStyle.RIGHT;

import java.util.function.BiConsumer;

/** The key to the marks, drawn with the same classes as the marks themselves, wrapped over as many rows as needed. */
final class TimelineLegend {
    private static final double ROW = 22;
    private static final double GLYPH = 30;
    private static final double PAD = 10;

    private final TimelineSvg svg;

    TimelineLegend(TimelineSvg svg) {
        this.svg = svg;
    }

    /** Draws the legend at {@code top}; returns its height. */
    double draw(double top) {
        svg.open("legend");
        Flow flow = new Flow(top + PAD);
        flow.item("handshake: SYN (tick above), SYN-ACK (below), to the ACK", (x, y) -> {
            svg.rect("hs", x, y - 6, 24, 12);
            svg.line("hs-tick", x, y - 10, x, y);
            svg.line("hs-tick", x + 12, y, x + 12, y + 10);
        });
        flow.item("data client → server (above the line)", (x, y) -> svg.rect("up", x, y - 5, 26, 10));
        flow.item("data server → client (below)", (x, y) -> svg.rect("down", x, y - 5, 26, 10));
        flow.item("FIN: flag above sent by the client, below by the server", (x, y) -> {
            svg.line("fin-stem", x + 8, y + 7, x + 8, y - 7);
            svg.polygon("fin-flag", x + 8, y - 7, x + 17, y - 3.5, x + 8, y);
        });
        flow.item("RST", (x, y) -> {
            svg.line("rst-line", x + 12, y - 9, x + 12, y + 9);
            svg.polygon("rst-head", x + 7, y, x + 12, y - 5, x + 17, y, x + 12, y + 5);
        });
        flow.item("still open when the capture ended", (x, y) -> {
            svg.line("open-line", x, y, x + 18, y);
            svg.polygon("open-head", x + 18, y - 5, x + 27, y, x + 18, y + 5);
        });
        flow.item("request dwell in a proxy (first byte in → first byte out)",
                (x, y) -> svg.rect("dwell-request", x, y - 7, 26, 14));
        flow.item("response dwell", (x, y) -> svg.rect("dwell-response", x, y - 7, 26, 14));
        double height = flow.y + ROW / 2 + PAD - top;
        svg.close();
        return height;
    }

    /** Places items left to right, starting a new row when the next one would not fit. */
    private final class Flow {
        private double x = LABEL_X + PAD;
        private double y;

        Flow(double top) {
            this.y = top + ROW / 2;
        }

        void item(String text, BiConsumer<Double, Double> glyph) {
            double w = GLYPH + TimelineText.width(text, FONT);
            if (x + w > RIGHT - PAD && x > LABEL_X + PAD) {
                x = LABEL_X + PAD;
                y += ROW;
            }
            glyph.accept(x, y);
            svg.text(null, x + GLYPH + 2, y + 4, "start", text);
            x += w + 26;
        }
    }
}
