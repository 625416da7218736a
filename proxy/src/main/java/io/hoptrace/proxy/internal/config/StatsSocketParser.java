package io.hoptrace.proxy.internal.config;

import io.hoptrace.proxy.StatsLevel;
import io.hoptrace.proxy.StatsSocketConfig;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Locale;

/**
 * {@code stats socket <addr> [mode <octal>] [user <name>] [group <name>] [level user|operator|admin]}
 * (configuration manual 3.1 "stats socket" and 5.1 bind options {@code mode}, {@code user}, {@code group},
 * {@code level}). The level defaults to {@code operator}, as HAProxy 2.6 documents in 5.1 "level":
 * "operator is the default level and fits most common uses". User and group names must exist, since HAProxy
 * resolves them while parsing too.
 */
final class StatsSocketParser {
    private static final String ADDRESS_FORMS =
            "an address (a Unix path, unix@<path>, ipv4@<host>:<port>, ipv6@[<host>]:<port> or <host>:<port>)";

    private StatsSocketParser() {
    }

    /** Parses a {@code stats socket} line (words 0 and 1 are "stats socket"); null after reporting errors. */
    static StatsSocketConfig parse(ConfigLine line, ConfigProblems problems) {
        if (line.size() < 3) {
            problems.error(line, "'stats socket' expects " + ADDRESS_FORMS);
            return null;
        }
        AddressParser.StatsAddress address;
        try {
            address = AddressParser.stats(line.word(2));
        } catch (IllegalArgumentException e) {
            problems.error(line, "stats socket: " + e.getMessage());
            return null;
        }
        var options = new Options();
        int errorsBefore = problems.errorCount();
        OptionTables.STATS_SOCKET.parse(line, 3, problems, (option, args) -> options.set(line, option,
                args.get(0), problems));
        if (problems.errorCount() != errorsBefore) {
            return null;
        }
        return new StatsSocketConfig(address.unixPath(), address.tcpAddress(), options.mode, options.user,
                options.group, options.level, line.location());
    }

    private static final class Options {
        int mode = -1;
        String user;
        String group;
        StatsLevel level = StatsLevel.OPERATOR;

        void set(ConfigLine line, String option, String value, ConfigProblems problems) {
            switch (option) {
                case "mode" -> {
                    int m = octalMode(value);
                    if (m < 0) {
                        problems.error(line, "stats socket mode: expected an octal file mode from 0 to 7777 "
                                + "(such as 600), got '" + value + "'");
                    } else {
                        mode = m;
                    }
                }
                case "user" -> {
                    if (exists(value, false)) {
                        user = value;
                    } else {
                        problems.error(line, "stats socket user: no such user '" + value + "'");
                    }
                }
                case "group" -> {
                    if (exists(value, true)) {
                        group = value;
                    } else {
                        problems.error(line, "stats socket group: no such group '" + value + "'");
                    }
                }
                case "level" -> {
                    switch (value) {
                        case "user", "operator", "admin" -> level = StatsLevel.valueOf(value.toUpperCase(Locale.ROOT));
                        default -> problems.error(line, "stats socket level: expected user, operator or admin, got '"
                                + value + "'");
                    }
                }
                default -> throw new IllegalStateException("option table and parser disagree on " + option);
            }
        }
    }

    private static int octalMode(String value) {
        if (value.isEmpty() || value.length() > 5) {
            return -1;
        }
        int mode = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '7') {
                return -1;
            }
            mode = mode * 8 + (c - '0');
        }
        return mode <= 07777 ? mode : -1;
    }

    private static boolean exists(String name, boolean group) {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        try {
            if (group) {
                lookup.lookupPrincipalByGroupName(name);
            } else {
                lookup.lookupPrincipalByName(name);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
