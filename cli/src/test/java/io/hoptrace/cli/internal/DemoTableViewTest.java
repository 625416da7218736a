package io.hoptrace.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hoptrace.tracer.SourceKind;
import io.hoptrace.tracer.SourceStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTableViewTest {
    private static SourceStats stats(String name, long opens, long closes, int live) {
        return new SourceStats(name, "/tmp/" + name + ".sock", SourceKind.HOPTRACE, true, true, opens + closes, opens,
                closes, 0, 0, 0, 0, 0, 1, 0, live, null, null);
    }

    @Test
    void plainLineSaysLiveOpenedAndClosedPerProxy() {
        assertEquals("   0.6s  live 5  edge: 3 live, 14 opened, 11 closed  mid: 2 live, 12 opened, 10 closed",
                DemoTableView.line(0.6, List.of(stats("edge", 14, 11, 3), stats("mid", 12, 10, 2))));
    }

    @Test
    void plainLineWithoutSourcesSaysNothingLive() {
        assertEquals("  12.0s  live 0", DemoTableView.line(12, List.of()));
    }
}
