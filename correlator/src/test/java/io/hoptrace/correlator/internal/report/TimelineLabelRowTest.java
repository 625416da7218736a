package io.hoptrace.correlator.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimelineLabelRowTest {
    @Test
    void placesALabelRightOfItsMarkWhenFree() {
        TimelineLabelRow row = new TimelineLabelRow(0, 1000);
        assertEquals(100, row.place(100, 90, 50), 1e-9);
    }

    @Test
    void movesALabelLeftOfItsMarkWhenTheRightIsTaken() {
        TimelineLabelRow row = new TimelineLabelRow(0, 1000);
        row.place(200, 190, 100);
        assertEquals(140, row.place(180, 190, 50), 1e-9);
    }

    @Test
    void dropsALabelThatFitsNowhere() {
        TimelineLabelRow row = new TimelineLabelRow(0, 1000);
        row.place(100, 90, 300);
        assertTrue(Double.isNaN(row.place(150, 140, 60)));
    }

    @Test
    void keepsLabelsInsideTheRow() {
        TimelineLabelRow row = new TimelineLabelRow(0, 1000);
        assertEquals(900, row.place(960, 960, 60), 1e-9);
        assertTrue(Double.isNaN(new TimelineLabelRow(0, 100).place(10, 5, 200)));
    }

    @Test
    void blockedStretchTakesNoLabel() {
        TimelineLabelRow row = new TimelineLabelRow(0, 1000);
        row.block(100, 200);
        assertTrue(Double.isNaN(row.place(150, 150, 10)));
    }
}
