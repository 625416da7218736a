package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OptionTablesTest {
    /** An option heading of sections 5.1 and 5.2: its name, then nothing or its arguments. */
    private static final Pattern HEADING = Pattern.compile("^([a-z0-9][a-z0-9.-]*)((?: [\\[<{].*)| listeners)?$");

    /** Option name to "takes arguments", from the headings of a manual section. */
    private static Map<String, Boolean> manualOptions(String title, String next) {
        Map<String, Boolean> options = new TreeMap<>();
        for (String line : HaproxyManual.section(title, next)) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                options.put(m.group(1), m.group(2) != null);
            }
        }
        return options;
    }

    private static void sameOptionsAndArities(Map<String, Boolean> manual, OptionTable table) {
        Map<String, Boolean> ours = new TreeMap<>();
        for (String name : manual.keySet()) {
            OptionTable.Spec spec = table.spec(name);
            ours.put(name, spec == null ? null : spec.arity() != 0);
        }
        assertEquals(manual, ours);
        List<String> extra = table.names().stream().filter(n -> !manual.containsKey(n)).sorted().toList();
        assertEquals(List.of(), extra);
    }

    @Test
    void bindOptionsAreThoseOfTheHaproxy26Manual() {
        Map<String, Boolean> manual = manualOptions("5.1. Bind options", "5.2. Server and default-server options");
        assertTrue(manual.size() > 60, manual.keySet().toString());
        sameOptionsAndArities(manual, OptionTables.BIND);
        sameOptionsAndArities(manual, OptionTables.STATS_SOCKET);
    }

    @Test
    void serverOptionsAreThoseOfTheHaproxy26Manual() {
        Map<String, Boolean> manual = manualOptions("5.2. Server and default-server options",
                "5.3. Server IP address resolution using DNS");
        assertTrue(manual.size() > 90, manual.keySet().toString());
        sameOptionsAndArities(manual, OptionTables.SERVER);
    }

    @Test
    void implementsTheOptionsOfTheSubset() {
        assertEquals(Disposition.IMPLEMENTED, OptionTables.BIND.spec("accept-proxy").disposition());
        for (String o : Set.of("mode", "user", "group", "level")) {
            assertEquals(Disposition.IMPLEMENTED, OptionTables.STATS_SOCKET.spec(o).disposition(), o);
        }
        for (String o : Set.of("send-proxy", "send-proxy-v2", "maxconn")) {
            assertEquals(Disposition.IMPLEMENTED, OptionTables.SERVER.spec(o).disposition(), o);
        }
    }
}
