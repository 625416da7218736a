package io.hoptrace.correlator.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimelineSvgTest {
    private static String number(double v) {
        StringBuilder sb = new StringBuilder();
        TimelineSvg.number(sb, v);
        return sb.toString();
    }

    @Test
    void escapesMarkupAndQuotes() {
        assertEquals("a&lt;b&gt;&amp;&quot;c&apos;", TimelineSvg.escape("a<b>&\"c'"));
    }

    @Test
    void replacesCharactersXmlDoesNotAllow() {
        assertEquals("a\ufffdb\ufffdc\ufffd", TimelineSvg.escape("a\u0001b\ud800c\uffff"));
    }

    @Test
    void keepsCharactersOutsideTheBasicPlane() {
        assertEquals("proxy \ud83d\ude80", TimelineSvg.escape("proxy \ud83d\ude80"));
    }

    @Test
    void keepsWhitespaceOfAttributesAsCharacterReferences() {
        assertEquals("a&#9;b&#10;c&#13;", TimelineSvg.escape("a\tb\nc\r"));
    }

    @Test
    void writesNumbersWithOneDecimalAtMost() {
        assertEquals("12", number(12.0));
        assertEquals("12.3", number(12.34));
        assertEquals("-0.5", number(-0.5));
        assertEquals("1400", number(1400));
    }

    @Test
    void textAndAttributesAreEscaped() {
        StringBuilder sb = new StringBuilder();
        new TimelineSvg(sb).text("a\"b", 1, 2, "end", "x<y");
        assertEquals("<text class=\"a&quot;b\" x=\"1\" y=\"2\" text-anchor=\"end\">x&lt;y</text>\n", sb.toString());
    }
}
