package io.hoptrace.proxy.internal.config;

import io.hoptrace.proxy.ConfigException;
import io.hoptrace.proxy.ProxyConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one configuration file: cuts it into lines and words ({@link ConfigTokenizer}), follows the sections
 * and the {@code defaults} inheritance, hands each line to its section's parser, and lets
 * {@link ConfigAssembler} cross-check and build the {@link ProxyConfig}. Every problem is collected; if there
 * is any error, a {@link ConfigException} carries them all.
 *
 * <p>Defaults follow HAProxy 2.6 (configuration manual 4 "Proxies"): a proxy section starts from the latest
 * {@code defaults} section before it, named or not, or from the one named by {@code from <name>}; a
 * {@code defaults} section starts from HAProxy's documented defaults, or from another one with
 * {@code from <name>}. A {@code defaults} section named by {@code from} must be declared before, be named
 * uniquely and follow the proxy name syntax.
 */
public final class ConfigParser {
    /** HAProxy 2.6 sections hoptrace skips with a warning: none of them changes where connections go. */
    private static final Set<String> IGNORED_SECTIONS = Set.of("resolvers", "peers", "ring", "mailers",
            "userlist", "http-errors", "cache", "program", "fcgi-app", "log-forward");

    private final String file;
    private final ConfigVariables variables;
    private final ConfigProblems problems = new ConfigProblems();
    private final GlobalSection global = new GlobalSection();
    private final GlobalSectionParser globalParser;
    private final ProxySectionParser proxyParser = new ProxySectionParser(problems);
    private final List<ProxySection> proxies = new ArrayList<>();
    private final Map<String, List<ProxySection>> namedDefaults = new HashMap<>();
    private ProxySettings lastDefaults = new ProxySettings();
    private ProxySection current;
    private boolean inGlobal;
    private boolean inIgnoredSection;

    private ConfigParser(String file, Map<String, String> environment) {
        this.file = file;
        this.variables = new ConfigVariables(environment, file);
        this.globalParser = new GlobalSectionParser(global, variables, problems);
    }

    /** Loads {@code path}, expanding variables from {@code environment}. */
    public static ProxyConfig parse(Path path, Map<String, String> environment) {
        String file = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": cannot read the configuration: no such file"), List.of());
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read the configuration: " + e), List.of());
        }
        return parse(file, new String(bytes, StandardCharsets.UTF_8), environment);
    }

    /** Parses {@code text} as if read from {@code file} (used in messages and for the default name). */
    public static ProxyConfig parse(String file, String text, Map<String, String> environment) {
        ConfigParser parser = new ConfigParser(file, environment);
        parser.readAll(text);
        ProxyConfig config = new ConfigAssembler(file, parser.problems).assemble(parser.global, parser.proxies);
        if (parser.problems.hasErrors()) {
            throw new ConfigException(parser.problems.errors(), parser.problems.warnings());
        }
        return config;
    }

    private void readAll(String text) {
        int number = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            number++;
            readLine(number, text.substring(start, end));
            start = end + 1;
        }
    }

    private void readLine(int number, String raw) {
        variables.at(number);
        List<String> words;
        try {
            words = ConfigTokenizer.split(raw, variables);
        } catch (IllegalArgumentException e) {
            problems.error(file + ":" + number, e.getMessage());
            return;
        }
        if (words.isEmpty()) {
            return;
        }
        ConfigLine line = new ConfigLine(file, number, words);
        String keyword = line.word(0);
        SectionKind kind = SectionKind.of(keyword);
        if (kind != null) {
            startSection(line, kind);
        } else if (IGNORED_SECTIONS.contains(keyword)) {
            startIgnoredSection(line);
        } else if (keyword.startsWith(".")) {
            problems.error(line, "conditional blocks and directives ('" + keyword + "') are out of hoptrace's "
                    + "scope");
        } else if (inIgnoredSection) {
            return;
        } else if (inGlobal) {
            globalParser.parse(line);
        } else if (current != null) {
            proxyParser.parse(line, current);
        } else {
            problems.error(line, "unknown keyword '" + keyword + "' out of section");
        }
    }

    private void startIgnoredSection(ConfigLine line) {
        endSection();
        inIgnoredSection = true;
        variables.section(line.word(1).isEmpty() ? line.word(0) : line.word(1));
        problems.warning(line, "section '" + line.word(0) + "' is not implemented by hoptrace; ignored");
    }

    private void endSection() {
        current = null;
        inGlobal = false;
        inIgnoredSection = false;
    }

    private void startSection(ConfigLine line, SectionKind kind) {
        endSection();
        if (kind == SectionKind.GLOBAL) {
            inGlobal = true;
            variables.section("global");
            if (line.size() > 1) {
                problems.error(line, "'global' cannot handle unexpected argument '" + line.word(1) + "'");
            }
            return;
        }
        int at = 1;
        String name = null;
        if (line.size() > 1 && !(kind == SectionKind.DEFAULTS && line.word(1).equals("from"))) {
            name = line.word(1);
            at = 2;
        }
        String from = null;
        if (line.word(at).equals("from")) {
            from = line.word(at + 1);
            if (from.isEmpty()) {
                problems.error(line, "'from' expects the name of a defaults section");
            }
            at += 2;
        }
        if (line.size() > at) {
            problems.error(line, "'" + kind.keyword() + "' cannot handle unexpected argument '" + line.word(at)
                    + "' (expected: " + kind.keyword() + (kind == SectionKind.DEFAULTS ? " [<name>]" : " <name>")
                    + " [from <defaults>])");
        }
        boolean unnamedProxy = name == null && kind != SectionKind.DEFAULTS;
        if (unnamedProxy) {
            // Its lines are still checked, but it takes no part in the cross-checks.
            problems.error(line, "'" + kind.keyword() + "' expects a name");
            name = "";
        } else if (name != null && kind != SectionKind.DEFAULTS) {
            checkName(line, kind, name);
        }
        variables.section(name == null ? kind.keyword() : name);
        ProxySettings inherited = from == null || from.isEmpty() ? inheritLast(kind) : inheritNamed(line, kind, name,
                from);
        current = new ProxySection(kind, name, line.location(), inherited);
        if (kind == SectionKind.DEFAULTS) {
            lastDefaults = current.settings;
            if (name != null) {
                namedDefaults.computeIfAbsent(name, n -> new ArrayList<>()).add(current);
            }
        } else if (!unnamedProxy) {
            proxies.add(current);
        }
    }

    private ProxySettings inheritLast(SectionKind kind) {
        // A defaults section without "from" resets everything to HAProxy's documented defaults.
        return kind == SectionKind.DEFAULTS ? new ProxySettings() : lastDefaults.copy();
    }

    private ProxySettings inheritNamed(ConfigLine line, SectionKind kind, String name, String from) {
        List<ProxySection> candidates = namedDefaults.get(from);
        String who = name == null ? "defaults section" : kind.keyword() + " '" + name + "'";
        if (candidates == null) {
            problems.error(line, "defaults section '" + from + "' not found for " + who
                    + " (it must be declared before)");
            return new ProxySettings();
        }
        if (candidates.size() > 1) {
            problems.error(line, "defaults section '" + from + "' is declared more than once (at "
                    + candidates.get(0).location + " and " + candidates.get(1).location + "); " + who
                    + " can only use a uniquely named one");
        }
        int bad = Args.invalidNameChar(from);
        if (bad >= 0) {
            problems.error(line, "character '" + (char) bad + "' is not permitted in the name of defaults section '"
                    + from + "', which " + who + " uses");
        }
        return candidates.get(candidates.size() - 1).settings.copy();
    }

    private void checkName(ConfigLine line, SectionKind kind, String name) {
        int bad = Args.invalidNameChar(name);
        if (name.isEmpty()) {
            problems.error(line, "'" + kind.keyword() + "' expects a non-empty name");
        } else if (bad >= 0) {
            problems.error(line, "character '" + (char) bad + "' is not permitted in '" + kind.keyword()
                    + "' name '" + name + "'");
        }
    }
}
