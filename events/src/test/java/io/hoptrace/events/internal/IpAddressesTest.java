package io.hoptrace.events.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpAddressesTest {
    private static byte[] parse(String s) {
        return IpAddresses.parseBytes(s, 0, s.length());
    }

    private static String format(String s) {
        return IpAddresses.append(new StringBuilder(), parse(s)).toString();
    }

    @Test
    void parsesEveryIpv6FormOfRfc4291() throws Exception {
        for (String s : new String[] {"::", "::1", "1::", "2001:db8::8:800:200c:417a", "ff01::101",
            "0:0:0:0:0:0:13.1.68.3", "::13.1.68.3", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6::8", "1::2:3:4:5:6:7"}) {
            assertArrayEquals(InetAddress.getByName(s).getAddress().length == 4
                    ? parse(s) : InetAddress.getByName(s).getAddress(), parse(s), s);
        }
    }

    @Test
    void ignoresAZoneIndex() throws Exception {
        assertArrayEquals(InetAddress.getByName("fe80::1").getAddress(), parse("fe80::1%eth0"));
    }

    @Test
    void rejectsMalformedIpv6() {
        for (String s : new String[] {":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "1:", ":1", "g::1",
            "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3"}) {
            assertNull(parse(s), s);
        }
    }

    @Test
    void rejectsMalformedIpv4() {
        for (String s : new String[] {"1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.4.", "a.b.c.d",
            "1.2.3.1234"}) {
            assertNull(parse(s), s);
        }
    }

    @Test
    void formatsPerRfc5952() {
        assertEquals("2001:db8::1", format("2001:0db8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8:0:1:1:1:1:1", format("2001:db8:0:1:1:1:1:1"));
        assertEquals("2001:0:0:1::1", format("2001:0:0:1:0:0:0:1"));
        assertEquals("2001:db8::1:0:0:1", format("2001:db8:0:0:1:0:0:1"));
        assertEquals("::", format("::"));
        assertEquals("1::", format("1::"));
        assertEquals("127.0.0.1", format("127.0.0.1"));
    }

    @Test
    void parsesIntoACallersArrayWhatParseBytesReturns() {
        byte[] out = new byte[16];
        for (String s : new String[] {"10.0.0.5", "2001:db8::8:800:200c:417a", "::", "::13.1.68.3", "fe80::1%eth0"}) {
            byte[] expected = parse(s);
            assertEquals(expected.length, IpAddresses.parseInto(s, 0, s.length(), out), s);
            assertArrayEquals(expected, java.util.Arrays.copyOf(out, expected.length), s);
        }
        assertEquals(0, IpAddresses.parseInto("1.2.3", 0, 5, out));
        assertEquals(0, IpAddresses.parseInto("1::2::3", 0, 7, out));
    }

    @Test
    void recognisesIpv4MappedIpv6() {
        assertTrue(IpAddresses.isIpv4Mapped(parse("::ffff:10.0.0.5")));
        assertFalse(IpAddresses.isIpv4Mapped(parse("::10.0.0.5")));
        assertFalse(IpAddresses.isIpv4Mapped(parse("2001:db8::ffff:a00:5")));
    }
}
