package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hoptrace.events.Endpoint;
import org.junit.jupiter.api.Test;

class UniqueIdFormatTest {
    private static final String SUPPORTED = "supported: %ci, %cp, %fi, %fp, %Ts, %ms, %pid, %rt (and %o for flags)";

    /** The session of HAProxy's example output (configuration manual 4.2 "unique-id-format"). */
    private static final UniqueIdFormat.Values EXAMPLE = new UniqueIdFormat.Values(Endpoint.parse("127.0.0.1:33430"),
            Endpoint.parse("127.0.0.30:8080"), 1_333_463_657_042_123L, 3, 30986);

    private static String render(String format) {
        return UniqueIdFormat.compile(format).render(EXAMPLE);
    }

    private static String error(String format) {
        return assertThrows(IllegalArgumentException.class, () -> UniqueIdFormat.compile(format)).getMessage();
    }

    @Test
    void rendersHaproxyDocumentedExample() {
        assertEquals("7F000001:8296_7F00001E:1F90_4F7B0A69_0003:790A",
                render("%{+X}o %ci:%cp_%fi:%fp_%Ts_%rt:%pid"));
    }

    @Test
    void rendersDecimalByDefault() {
        assertEquals("127.0.0.1:33430_127.0.0.30:8080_1333463657.042_3:30986",
                render("%ci:%cp_%fi:%fp_%Ts.%ms_%rt:%pid"));
    }

    @Test
    void literalTextOnly() {
        assertEquals("edge-", render("edge-"));
    }

    @Test
    void percentPercentIsAPercentSign() {
        assertEquals("100%3", render("100%%%rt"));
    }

    @Test
    void hexFlagOnOneVariableOnly() {
        assertEquals("0003-3", render("%{+X}rt-%rt"));
    }

    @Test
    void hexSwitchCanBeTurnedOffAgain() {
        assertEquals("0003-3", render("%{+X}o%rt-%{-X}rt"));
        assertEquals("0003-3", render("%{+X}o%rt-%{-X}o%rt"));
    }

    @Test
    void millisecondsArePaddedToThreeDigitsOrTwoHexDigits() {
        var v = new UniqueIdFormat.Values(EXAMPLE.client(), EXAMPLE.frontend(), 7_005_000L, 1, 1);
        assertEquals("7.005", UniqueIdFormat.compile("%Ts.%ms").render(v));
        assertEquals("0007.05", UniqueIdFormat.compile("%{+X}o%Ts.%ms").render(v));
    }

    @Test
    void hexNumbersGrowPastFourDigits() {
        var v = new UniqueIdFormat.Values(EXAMPLE.client(), EXAMPLE.frontend(), 0, 0x1_0000_0000L, 0x12345);
        assertEquals("100000000:12345", UniqueIdFormat.compile("%{+X}o%rt:%pid").render(v));
    }

    @Test
    void ipv6AddressesAsTextAndHex() {
        var v = new UniqueIdFormat.Values(Endpoint.parse("[2001:db8::1]:443"), Endpoint.parse("[::1]:80"), 0, 1, 1);
        assertEquals("2001:db8::1:443 ::1:80", UniqueIdFormat.compile("%ci:%cp %fi:%fp").render(v));
        assertEquals("20010DB8000000000000000000000001:01BB",
                UniqueIdFormat.compile("%{+X}o%ci:%cp").render(v));
    }

    @Test
    void unixSocketEndpointsAreDashes() {
        var v = new UniqueIdFormat.Values(Endpoint.UNKNOWN, Endpoint.UNKNOWN, 0, 1, 1);
        assertEquals("-:- -:-", UniqueIdFormat.compile("%ci:%cp %{+X}o%fi:%fp").render(v));
    }

    @Test
    void quoteFlagQuotesTextAddresses() {
        assertEquals("\"127.0.0.1\":33430", render("%{+Q}ci:%cp"));
    }

    @Test
    void spacesAreSeparatorsAsInHaproxy() {
        assertEquals("3 3 ", render("  %rt   %rt  "));
    }

    @Test
    void escapeFlagIsAccepted() {
        assertEquals("127.0.0.1", render("%{+E}ci"));
    }

    @Test
    void rejectsVariableHaproxyHasButHoptraceDoesNot() {
        assertEquals("variable '%H' is not supported by hoptrace; " + SUPPORTED + " in '%H_%rt'", error("%H_%rt"));
        assertEquals("variable '%ID' is not supported by hoptrace; " + SUPPORTED + " in '%ID'", error("%ID"));
    }

    @Test
    void rejectsUnknownVariable() {
        assertEquals("no such format variable '%zz' (write %% for a percent sign); " + SUPPORTED + " in 'a%zz'",
                error("a%zz"));
    }

    @Test
    void rejectsSampleExpressions() {
        assertEquals("sample expressions ('%[src]') are not supported by hoptrace; " + SUPPORTED + " in '%[src]:x'",
                error("%[src]:x"));
    }

    @Test
    void rejectsTrailingPercent() {
        assertEquals("truncated format after '%' at the end (write %% for a percent sign) in '%ci%'", error("%ci%"));
    }

    @Test
    void rejectsPercentFollowedByPunctuation() {
        assertEquals("unexpected character '-' after '%' (write %% for a percent sign) in '%-'", error("%-"));
    }

    @Test
    void rejectsUnterminatedFlags() {
        assertEquals("truncated flags after '%{+X': expected '}' in '%{+X'", error("%{+X"));
    }

    @Test
    void rejectsUnknownFlag() {
        assertEquals("unknown flag '+Y': expected +X, -X, +Q, -Q, +E or -E in '%{+Y}ci'", error("%{+Y}ci"));
    }

    @Test
    void toStringIsTheSource() {
        assertEquals("%{+X}o %ci", UniqueIdFormat.compile("%{+X}o %ci").toString());
    }

    @Test
    void equalWhenCompiledFromTheSameSource() {
        assertEquals(UniqueIdFormat.compile("%rt"), UniqueIdFormat.compile("%rt"));
        assertNotEquals(UniqueIdFormat.compile("%rt"), UniqueIdFormat.compile("%pid"));
    }
}
