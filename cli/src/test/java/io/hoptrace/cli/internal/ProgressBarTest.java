package io.hoptrace.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void drawsFillAndPercentOfTheTotal() {
        ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), "reading");
        assertEquals("reading [###############...............]  50%  1.0 of 2.0 MB", bar.line(1_000_000, 2_000_000));
    }

    @Test
    void showsBytesWhenTheTotalIsUnknown() {
        ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), "reading");
        assertEquals("reading 3.5 MB", bar.line(3_500_000, -1));
    }

    @Test
    void redrawsInPlaceAndErasesWhenDone() {
        StringWriter w = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(w), "r");
        bar.progress(1, 2);
        ProgressBar.finish(bar);
        String s = w.toString();
        assertTrue(s.startsWith("\rr ["), s);
        assertTrue(s.endsWith("\r"), s);
    }
}
