package io.hoptrace.proxy.internal.config;

import io.hoptrace.proxy.Balance;
import io.hoptrace.proxy.UniqueIdFormat;
import java.time.Duration;
import java.util.Set;

/**
 * The lines of {@code defaults}, {@code frontend}, {@code backend} and {@code listen} sections (configuration
 * manual 4). Each keyword is looked up in {@link ProxyKeywords}: out-of-scope ones are errors, ignored ones
 * warnings, and a keyword used in a section that lacks the capability is handled as HAProxy does (an error in
 * {@code defaults} and for {@code server} in a frontend, otherwise a warning that it is ignored).
 */
final class ProxySectionParser {
    /** Algorithms of configuration manual 4.2 "balance" other than the three hoptrace implements. */
    private static final Set<String> OTHER_ALGORITHMS = Set.of("static-rr", "first", "uri", "url_param", "hdr",
            "random", "rdp-cookie", "hash");
    private static final Set<String> SERVER_KEYWORDS = Set.of("server", "default-server");

    private final ConfigProblems problems;

    ProxySectionParser(ConfigProblems problems) {
        this.problems = problems;
    }

    void parse(ConfigLine line, ProxySection section) {
        int at = 0;
        String prefix = null;
        if (line.word(0).equals("no") || line.word(0).equals("default")) {
            prefix = line.word(0);
            at = 1;
            if (line.size() < 2) {
                problems.error(line, "'" + prefix + "' expects a keyword after it");
                return;
            }
        }
        int length = ProxyKeywords.keywordLength(line, at);
        String name = String.join(" ", line.words().subList(at, at + length));
        ProxyKeywords.Keyword keyword = ProxyKeywords.lookup(name);
        if (keyword == null) {
            problems.error(line, "unknown keyword '" + name + "' in '" + section.kind.keyword() + "' section");
            return;
        }
        String written = prefix == null ? name : prefix + " " + name;
        if (prefix != null && !keyword.negatable()) {
            problems.error(line, "'" + written + "' is not supported: '" + name + "' takes no '" + prefix
                    + "' prefix");
            return;
        }
        if (keyword.disposition() == Disposition.OUT_OF_SCOPE) {
            problems.outOfScope(line, written, keyword.why());
            return;
        }
        if (!keyword.allowedIn(section.kind)) {
            misplaced(line, section, name, keyword);
            return;
        }
        if (keyword.disposition() == Disposition.IGNORED) {
            problems.notImplemented(line, written);
            return;
        }
        apply(line, section, name, prefix, at + length);
    }

    private void misplaced(ConfigLine line, ProxySection section, String name, ProxyKeywords.Keyword keyword) {
        if (section.kind == SectionKind.DEFAULTS || SERVER_KEYWORDS.contains(name)) {
            String why = section.kind == SectionKind.DEFAULTS ? "in 'defaults' section"
                    : "because " + section.describe() + " has no backend capability";
            problems.error(line, "'" + name + "' not allowed " + why);
        } else if (keyword.disposition() == Disposition.IGNORED) {
            problems.notImplemented(line, name);
        } else {
            String missing = section.kind.hasFrontend() ? "backend" : "frontend";
            problems.warning(line, "'" + name + "' ignored because " + section.describe() + " has no " + missing
                    + " capability");
        }
    }

    private void apply(ConfigLine line, ProxySection section, String name, String prefix, int args) {
        ProxySettings s = section.settings;
        switch (name) {
            case "mode" -> mode(line, args);
            case "maxconn" -> {
                Integer n = integer(line, args, name);
                if (n != null) {
                    s.maxconn = n;
                }
            }
            case "retries" -> {
                Integer n = integer(line, args, name);
                if (n != null) {
                    s.retries = n;
                }
            }
            case "bind" -> BindLineParser.parse(line, section, problems);
            case "server" -> ServerLineParser.parseServer(line, section, problems);
            case "default-server" -> ServerLineParser.parseDefaultServer(line, section, problems);
            case "balance" -> balance(line, args, s);
            case "timeout connect" -> s.connect = duration(line, args, name, s.connect);
            case "timeout client" -> s.client = duration(line, args, name, s.client);
            case "timeout server" -> s.server = duration(line, args, name, s.server);
            case "option redispatch" -> redispatch(line, args, prefix, s);
            case "unique-id-format" -> uniqueIdFormat(line, args, s);
            case "default_backend" -> {
                if (Args.exactly(line, args, 1, name, "a backend name", problems)) {
                    s.defaultBackend = line.word(args);
                    s.defaultBackendLocation = line.location();
                }
            }
            default -> throw new IllegalStateException("keyword table and parser disagree on " + name);
        }
    }

    private void mode(ConfigLine line, int args) {
        if (!Args.exactly(line, args, 1, "mode", "tcp", problems)) {
            return;
        }
        String mode = line.word(args);
        if (mode.equals("http")) {
            problems.outOfScope(line, "mode http", ProxyKeywords.httpWhy());
        } else if (!mode.equals("tcp")) {
            problems.error(line, "mode: expected tcp (or http, which hoptrace does not implement), got '" + mode
                    + "'");
        }
    }

    private Integer integer(ConfigLine line, int args, String name) {
        if (!Args.exactly(line, args, 1, name, "an integer", problems)) {
            return null;
        }
        try {
            return Args.nonNegativeInt(line.word(args));
        } catch (IllegalArgumentException e) {
            problems.error(line, name + ": " + e.getMessage());
            return null;
        }
    }

    private Duration duration(ConfigLine line, int args, String name, Duration previous) {
        if (!Args.exactly(line, args, 1, name, "a duration (such as 5s)", problems)) {
            return previous;
        }
        try {
            Duration d = DurationParser.parse(line.word(args));
            // HAProxy reads 0 as "no timeout", the same as not setting it.
            return d.isZero() ? null : d;
        } catch (IllegalArgumentException e) {
            problems.error(line, name + ": " + e.getMessage());
            return previous;
        }
    }

    private void balance(ConfigLine line, int args, ProxySettings s) {
        if (line.size() <= args) {
            problems.error(line, "'balance' expects roundrobin, leastconn or source");
            return;
        }
        String algorithm = line.word(args);
        int paren = algorithm.indexOf('(');
        String base = paren > 0 ? algorithm.substring(0, paren) : algorithm;
        switch (algorithm) {
            case "roundrobin" -> s.balance = Balance.ROUNDROBIN;
            case "leastconn" -> s.balance = Balance.LEASTCONN;
            case "source" -> s.balance = Balance.SOURCE;
            default -> {
                if (OTHER_ALGORITHMS.contains(base)) {
                    problems.outOfScope(line, "balance " + algorithm,
                            "hoptrace implements roundrobin, leastconn and source");
                } else {
                    problems.error(line, "balance: expected roundrobin, leastconn or source, got '" + algorithm + "'");
                }
                return;
            }
        }
        Args.exactly(line, args, 1, "balance " + algorithm, "", problems);
    }

    private void redispatch(ConfigLine line, int args, String prefix, ProxySettings s) {
        if (prefix != null) {
            // "no" disables it; "default" restores HAProxy's default, which is disabled too.
            if (Args.exactly(line, args, 0, prefix + " option redispatch", "", problems)) {
                s.redispatch = false;
            }
            return;
        }
        if (line.size() == args) {
            s.redispatch = true;
            return;
        }
        if (!Args.exactly(line, args, 1, "option redispatch", "", problems)) {
            return;
        }
        // Configuration manual 4.2 "option redispatch <interval>": 0 disables it, -1 (the default) redispatches
        // on the last retry, other values on every Nth retry or the Nth before the last.
        String interval = line.word(args);
        if (!interval.matches("-?[0-9]{1,9}")) {
            problems.error(line, "option redispatch: expected an integer interval, got '" + interval + "'");
        } else if (Integer.parseInt(interval) == 0) {
            s.redispatch = false;
        } else {
            s.redispatch = true;
            if (Integer.parseInt(interval) != -1) {
                problems.warning(line, "option redispatch: interval " + interval + " is not implemented by "
                        + "hoptrace; it redispatches on the last retry (interval -1)");
            }
        }
    }

    private void uniqueIdFormat(ConfigLine line, int args, ProxySettings s) {
        if (line.size() > args + 1) {
            problems.error(line, "'unique-id-format' expects only one argument, don't forget to escape spaces");
            return;
        }
        if (line.size() == args || line.word(args).isEmpty()) {
            problems.error(line, "'unique-id-format' expects a log-format string");
            return;
        }
        try {
            s.uniqueIdFormat = UniqueIdFormat.compile(line.word(args));
        } catch (IllegalArgumentException e) {
            problems.error(line, "unique-id-format: " + e.getMessage());
        }
    }
}
