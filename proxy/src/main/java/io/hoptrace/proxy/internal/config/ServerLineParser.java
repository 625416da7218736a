package io.hoptrace.proxy.internal.config;

import io.hoptrace.proxy.ServerConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * {@code server <name> <addr>:<port> [send-proxy|send-proxy-v2] [maxconn <n>] [option...]} and
 * {@code default-server [option...]} (configuration manual 4.2 "server", "default-server", 5.2 "Server and
 * default-server options"). A {@code default-server} line sets the options of the servers declared after it
 * in the same section, or in the sections using the {@code defaults} section it is in.
 */
final class ServerLineParser {
    /** Configuration manual 5.2 "proxy-v2-options". */
    private static final Set<String> PROXY_V2_OPTIONS = Set.of("ssl", "cert-cn", "ssl-cipher", "cert-sig",
            "cert-key", "authority", "crc32c", "unique-id");

    private ServerLineParser() {
    }

    static void parseServer(ConfigLine line, ProxySection section, ConfigProblems problems) {
        if (line.size() < 3) {
            problems.error(line, "'server' expects <name> and <address>:<port>");
            return;
        }
        String name = line.word(1);
        int bad = Args.invalidNameChar(name);
        if (name.isEmpty() || bad >= 0) {
            problems.error(line, name.isEmpty() ? "server: expected a non-empty name"
                    : "character '" + (char) bad + "' is not permitted in server name '" + name + "'");
            return;
        }
        String previous = section.serverLocations.get(name);
        if (previous != null) {
            problems.error(line, section.describe() + ": another server named '" + name
                    + "' was already declared at " + previous + "; server names must be unique in a backend");
            return;
        }
        section.serverLocations.put(name, line.location());
        InetSocketAddress address;
        try {
            address = AddressParser.server(line.word(2));
        } catch (IllegalArgumentException e) {
            problems.error(line, "server '" + name + "' address: " + e.getMessage());
            return;
        }
        ProxySettings defaults = section.settings;
        var options = new Options(defaults.serverSendProxyV1, defaults.serverSendProxyV2, defaults.serverMaxconn);
        int errorsBefore = problems.errorCount();
        OptionTables.SERVER.parse(line, 3, problems, (option, args) -> options.set(line, option, args, problems));
        if (problems.errorCount() == errorsBefore) {
            section.servers.add(new ServerConfig(name, address, ProxySettings.sendProxy(options.v1, options.v2),
                    options.maxconn, line.location()));
        }
    }

    static void parseDefaultServer(ConfigLine line, ProxySection section, ConfigProblems problems) {
        ProxySettings settings = section.settings;
        var options = new Options(settings.serverSendProxyV1, settings.serverSendProxyV2, settings.serverMaxconn);
        int errorsBefore = problems.errorCount();
        OptionTables.SERVER.parse(line, 1, problems, (option, args) -> options.set(line, option, args, problems));
        if (problems.errorCount() == errorsBefore) {
            settings.serverSendProxyV1 = options.v1;
            settings.serverSendProxyV2 = options.v2;
            settings.serverMaxconn = options.maxconn;
        }
    }

    private static final class Options {
        boolean v1;
        boolean v2;
        int maxconn;

        Options(boolean v1, boolean v2, int maxconn) {
            this.v1 = v1;
            this.v2 = v2;
            this.maxconn = maxconn;
        }

        void set(ConfigLine line, String option, List<String> args, ConfigProblems problems) {
            switch (option) {
                case "send-proxy" -> v1 = true;
                case "send-proxy-v2" -> v2 = true;
                case "no-send-proxy" -> v1 = false;
                case "no-send-proxy-v2" -> v2 = false;
                case "maxconn" -> {
                    try {
                        maxconn = Args.nonNegativeInt(args.get(0));
                    } catch (IllegalArgumentException e) {
                        problems.error(line, "server maxconn: " + e.getMessage());
                    }
                }
                case "proxy-v2-options" -> {
                    for (String o : args.get(0).split(",", -1)) {
                        if (!PROXY_V2_OPTIONS.contains(o)) {
                            problems.error(line, "proxy-v2-options: expected a comma-separated list of "
                                    + "ssl, cert-cn, ssl-cipher, cert-sig, cert-key, authority, crc32c, "
                                    + "unique-id, got '" + o + "'");
                            return;
                        }
                    }
                    // hoptrace always sends the session's unique id in a v2 header (PP2_TYPE_UNIQUE_ID), which
                    // is what "unique-id" asks HAProxy to do; it sends none of the other TLVs.
                    for (String o : args.get(0).split(",")) {
                        if (!o.equals("unique-id")) {
                            problems.notImplemented(line, option + " " + o);
                        }
                    }
                }
                default -> throw new IllegalStateException("option table and parser disagree on " + option);
            }
        }
    }
}
