package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hoptrace.proxy.ConfigException;
import io.hoptrace.proxy.ProxyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the configuration tests: each test writes its configuration to {@code <test method>.cfg} in a
 * temporary directory, loads it with an empty environment, and asserts on messages located with {@link #at}.
 */
public abstract class ConfigFileTest {
    /** A defaults section that sets every timeout, so that tests see no "missing timeouts" warning. */
    public static final String DEFAULTS = """
            defaults
                mode tcp
                timeout connect 5s
                timeout client 30s
                timeout server 30s
            """;

    @TempDir
    protected Path dir;
    protected Path file;
    private String testName;

    @BeforeEach
    void nameFixtureAfterTest(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        file = dir.resolve(testName + ".cfg");
    }

    protected Path write(String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected ProxyConfig load(String text) {
        return load(text, Map.of());
    }

    protected ProxyConfig load(String text, Map<String, String> environment) {
        write(text);
        return ProxyConfig.load(file, environment);
    }

    protected ConfigException failure(String text) {
        write(text);
        return assertThrows(ConfigException.class, () -> ProxyConfig.load(file, Map.of()));
    }

    protected List<String> errors(String text) {
        return failure(text).errors();
    }

    /** {@code <file>:<line>}, as messages start. */
    protected String at(int line) {
        return file + ":" + line;
    }

    /** The warning for a keyword HAProxy knows and hoptrace ignores. */
    protected String ignored(int line, String keyword) {
        return at(line) + ": keyword '" + keyword + "' is not implemented by hoptrace; ignored";
    }
}
