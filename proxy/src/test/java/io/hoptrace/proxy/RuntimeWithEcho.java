package io.hoptrace.proxy;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ProxyRuntime} and an echo server for each test, both closed after it (after the test class's own
 * {@code @AfterEach} methods). Register with {@code @RegisterExtension final RuntimeWithEcho env = ...}.
 */
final class RuntimeWithEcho implements BeforeEachCallback, AfterEachCallback {
    private final int ioThreads;
    private ProxyRuntime runtime;
    private TestServer echo;

    RuntimeWithEcho(int ioThreads) {
        this.ioThreads = ioThreads;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        echo = TestServer.echo();
        runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(ioThreads));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            runtime.close();
        } finally {
            echo.close();
        }
    }

    ProxyRuntime runtime() {
        return runtime;
    }

    TestServer echo() {
        return echo;
    }
}
