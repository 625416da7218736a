package io.hoptrace.correlator.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hoptrace.correlator.Side;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import io.hoptrace.events.Timestamps;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatterTest {
    private final ReportFormatter text = new ReportFormatter();

    @Test
    void endpointsReadAsTheirOwnTextForm() {
        for (String e : List.of("10.0.0.5:50000", "[::1]:8080", "[fe80::1:2]:1", "0.0.0.0:0", "unknown")) {
            Endpoint endpoint = Endpoint.parse(e);
            // Twice: the second comes from the cache.
            assertEquals(endpoint.toString(), text.endpoint(new StringBuilder(), endpoint).toString());
            assertEquals(endpoint.toString(), text.endpoint(new StringBuilder(), endpoint).toString());
        }
    }

    @Test
    void tuplesReadAsTheirOwnTextForm() {
        FourTuple t = FourTuple.parse("10.0.0.5:50000", "[2001:db8::1]:443");
        assertEquals(t.toString(), text.tuple(new StringBuilder(), t).toString());
    }

    @Test
    void filtersAreTheWiresharkFilters() {
        for (FourTuple t : List.of(FourTuple.parse("10.0.0.5:50000", "10.0.0.10:443"),
                FourTuple.parse("[::1]:1", "[fe80::1]:2"))) {
            StringBuilder sb = new StringBuilder();
            text.filter(sb, t);
            assertEquals(WiresharkFilter.of(t), sb.toString());
        }
    }

    @Test
    void unixSocketEndsHaveNoFilter() {
        StringBuilder sb = new StringBuilder("x");
        assertFalse(text.filter(sb, new FourTuple(Endpoint.UNKNOWN, Endpoint.parse("10.0.0.1:80"))));
        assertEquals("x", sb.toString());
    }

    @Test
    void hopFiltersAreOrEdIntoTheTraceFilterSkippingHopsWithout() {
        FourTuple a = FourTuple.parse("10.0.0.5:50000", "10.0.0.10:443");
        FourTuple unix = new FourTuple(Endpoint.UNKNOWN, Endpoint.parse("10.0.0.1:80"));
        FourTuple b = FourTuple.parse("[::1]:1", "[fe80::1]:2");
        StringBuilder trace = new StringBuilder();
        assertEquals(0, text.hopFilter(trace, a));
        assertEquals(-1, text.hopFilter(trace, unix));
        int from = text.hopFilter(trace, b);
        assertEquals(WiresharkFilter.of(b), trace.substring(from));
        assertEquals(WiresharkFilter.of(a) + " || " + WiresharkFilter.of(b), trace.toString());
    }

    @Test
    void timestampsReadAsTimestampsFormatsThem() {
        long[] micros = {0, 1, 999_999, 1_000_000, 1_795_671_592_000_017L, 1_795_671_592_000_017L,
            1_795_671_592_999_999L, 1_795_671_593_000_000L, 1_795_671_593_100_000L, 1_795_671_652_012_345L, -1,
            -1_000_001, 253_402_300_799_999_999L};
        for (long m : micros) {
            assertEquals(Timestamps.formatMicros(m), text.timestamp(new StringBuilder(), m).toString(), "" + m);
        }
    }

    @Test
    void sidesAreLowerCase() {
        assertEquals("client", ReportFormatter.side(Side.CLIENT));
        assertEquals("server", ReportFormatter.side(Side.SERVER));
    }
}
