package io.hoptrace.proxy.internal.config;

import io.hoptrace.proxy.BindConfig;
import java.net.InetSocketAddress;

/**
 * {@code bind <addr> [accept-proxy] [option...]} (configuration manual 4.2 "bind", 5.1 "Bind options").
 * One address per line; port 0 binds an ephemeral port.
 */
final class BindLineParser {
    private static final String ADDRESS_FORMS =
            "an address (<host>:<port>, [<ipv6>]:<port>, :<port>, *:<port>, ipv4@<host>:<port> or "
                    + "ipv6@<host>:<port>)";

    private BindLineParser() {
    }

    static void parse(ConfigLine line, ProxySection section, ConfigProblems problems) {
        if (line.size() < 2) {
            problems.error(line, "'bind' expects " + ADDRESS_FORMS);
            return;
        }
        InetSocketAddress address;
        try {
            address = AddressParser.bind(line.word(1));
        } catch (IllegalArgumentException e) {
            problems.error(line, "bind: " + e.getMessage());
            return;
        }
        boolean[] acceptProxy = {false};
        OptionTables.BIND.parse(line, 2, problems, (option, args) -> acceptProxy[0] = true);
        section.binds.add(new BindConfig(address, acceptProxy[0], line.location()));
    }
}
