package io.hoptrace.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code hoptrace --version}: the version and the build (commit and time) recorded at packaging. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/hoptrace-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {
            "hoptrace " + p.getProperty("version", "unknown"),
            "build " + p.getProperty("commit", "unknown") + " " + p.getProperty("built", ""),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }

    /** The version alone, for records' meta lines. */
    public static String version() {
        try {
            return new VersionProvider().getVersion()[0];
        } catch (IOException e) {
            return "hoptrace unknown";
        }
    }
}
