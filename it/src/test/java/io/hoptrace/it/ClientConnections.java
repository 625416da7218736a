package io.hoptrace.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The client connections a test opens, closed after it: a JUnit extension, for a {@code @RegisterExtension}
 * field. JUnit calls it after the test class's own {@code @AfterEach} methods, so a test that drives connections
 * from threads of its own stops them there first.
 */
final class ClientConnections implements AfterEachCallback {
    private final List<ClientConnection> open = new ArrayList<>();

    /** A connection through the chain ({@link Chain#connect}), closed after the test. */
    ClientConnection connect(Chain chain, String tag) throws IOException {
        return add(chain.connect(tag));
    }

    /** {@code c}, to be closed after the test. */
    ClientConnection add(ClientConnection c) {
        open.add(c);
        return c;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (ClientConnection c : open) {
            c.close();
        }
    }
}
