package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import org.junit.jupiter.api.Test;

class FollowFilterTest {
    private static final FourTuple TUPLE = FourTuple.parse("10.0.0.5:50000", "10.0.0.10:443");

    @Test
    void ipAndPortIsAnEndpoint() {
        FollowFilter f = FollowFilter.parse("10.0.0.10:443");
        assertEquals(Endpoint.parse("10.0.0.10:443"), f.endpoint());
        assertTrue(f.matches(TUPLE));
        assertFalse(FollowFilter.parse("10.0.0.10:444").matches(TUPLE));
    }

    @Test
    void bracketedIpv6AndPortIsAnEndpoint() {
        assertEquals(Endpoint.parse("[::1]:80"), FollowFilter.parse("[::1]:80").endpoint());
    }

    @Test
    void addressAloneMatchesAnyPort() {
        FollowFilter f = FollowFilter.parse("10.0.0.5");
        assertNotNull(f.address());
        assertTrue(f.matches(TUPLE));
        assertEquals("10.0.0.5", f.toString());
        assertNotNull(FollowFilter.parse("2001:db8::1").address());
        assertNotNull(FollowFilter.parse("[2001:db8::1]").address());
    }

    @Test
    void nameAndNumberIsASession() {
        assertEquals(new SessionRef("edge", 42), FollowFilter.parse("edge:42").session());
        assertEquals(new SessionRef("127.0.0.1:9999", 42), FollowFilter.parse("127.0.0.1:9999:42").session());
        assertFalse(FollowFilter.parse("edge:42").matches(TUPLE));
    }

    @Test
    void rejectsTextThatIsNeitherAddressNorSession() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FollowFilter.parse("edge"));
        assertTrue(e.getMessage().contains("'edge'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FollowFilter.parse("edge:x"));
        assertThrows(IllegalArgumentException.class, () -> FollowFilter.parse(" "));
    }

    @Test
    void everythingMatchesEverything() {
        assertTrue(FollowFilter.EVERYTHING.everything());
        assertTrue(FollowFilter.EVERYTHING.matches(TUPLE));
    }
}
