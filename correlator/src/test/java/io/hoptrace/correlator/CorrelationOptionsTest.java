package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CorrelationOptionsTest {
    @Test
    void defaultsAreDocumented() {
        CorrelationOptions o = CorrelationOptions.defaults();
        assertEquals(Duration.ofSeconds(1), o.maxSkew());
        assertEquals(Duration.ofMinutes(10), o.idleSplit());
        assertEquals(FollowFilter.EVERYTHING, o.follow());
    }

    @Test
    void rejectsNegativeSkew() {
        assertThrows(IllegalArgumentException.class,
                () -> CorrelationOptions.defaults().withMaxSkew(Duration.ofMillis(-1)));
    }

    @Test
    void rejectsAbsurdlyLongIdleSplit() {
        assertThrows(IllegalArgumentException.class,
                () -> CorrelationOptions.defaults().withIdleSplit(Duration.ofDays(400)));
    }
}
