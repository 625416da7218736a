package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProxyKeywordsTest {
    /** A row of the matrix: keyword, optional (*) or (deprecated), then the four columns. */
    private static final Pattern ROW = Pattern.compile(
            "^(\\S.*?)\\s+(?:\\(\\*\\)\\s+|\\(deprecated\\)\\s+)?(X \\(!\\)|X|-)\\s+(X|-)\\s+(X|-)\\s+(X|-)\\s*$");

    /** Keyword name as the table keys it, with the sections "DFLB" and a trailing "*" for "(*)". */
    private static Map<String, String> manualMatrix() {
        Map<String, String> matrix = new TreeMap<>();
        for (String line : HaproxyManual.section("4.1. Proxy keywords matrix", "4.2. Alphabetically sorted keywords reference")) {
            Matcher m = ROW.matcher(line);
            if (!m.matches() || line.startsWith(" keyword") || line.startsWith("-- keyword")) {
                continue;
            }
            List<String> words = Arrays.asList(m.group(1).split(" "));
            ConfigLine l = new ConfigLine("manual", 1, words);
            String name = String.join(" ", words.subList(0, ProxyKeywords.keywordLength(l, 0)));
            String sections = (m.group(2).startsWith("X") ? "D" : "") + (m.group(3).equals("X") ? "F" : "")
                    + (m.group(4).equals("X") ? "L" : "") + (m.group(5).equals("X") ? "B" : "");
            matrix.put(name, sections + (line.contains("(*)") ? "*" : ""));
        }
        return matrix;
    }

    @Test
    void knowsEveryKeywordOfTheHaproxy26MatrixWithItsSections() {
        Map<String, String> matrix = manualMatrix();
        assertTrue(matrix.size() > 150, "too few rows read from the manual: " + matrix.keySet());
        Map<String, String> ours = new TreeMap<>();
        for (String name : matrix.keySet()) {
            ProxyKeywords.Keyword k = ProxyKeywords.lookup(name);
            ours.put(name, k == null ? "(missing)" : k.sections() + (k.negatable() ? "*" : ""));
        }
        assertEquals(matrix, ours);
    }

    @Test
    void hasNoKeywordTheManualDoesNotList() {
        Map<String, String> matrix = manualMatrix();
        List<String> extra = ProxyKeywords.names().stream().filter(n -> !matrix.containsKey(n)).sorted().toList();
        assertEquals(List.of(), extra);
    }

    @Test
    void implementsTheKeywordsOfTheSubset() {
        for (String name : List.of("balance", "bind", "default-server", "default_backend", "maxconn", "mode",
                "option redispatch", "retries", "server", "timeout client", "timeout connect", "timeout server",
                "unique-id-format")) {
            ProxyKeywords.Keyword k = ProxyKeywords.lookup(name);
            assertNotNull(k, name);
            assertEquals(Disposition.IMPLEMENTED, k.disposition(), name);
        }
    }

    @Test
    void twoWordKeywordsAreLookedUpTogether() {
        assertEquals(2, ProxyKeywords.keywordLength(new ConfigLine("f", 1, List.of("option", "tcplog")), 0));
        assertEquals(1, ProxyKeywords.keywordLength(new ConfigLine("f", 1, List.of("balance", "source")), 0));
        assertEquals(1, ProxyKeywords.keywordLength(new ConfigLine("f", 1, List.of("timeout")), 0));
    }
}
