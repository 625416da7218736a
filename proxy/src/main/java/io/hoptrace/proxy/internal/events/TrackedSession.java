package io.hoptrace.proxy.internal.events;

import io.hoptrace.events.SessionEvent;

/**
 * What the {@link EventBus} knows of a session: its id, and how to describe it as an event. The bus builds the
 * events on its dispatcher thread, and only when a subscriber needs them, so the data path never formats.
 */
public abstract class TrackedSession {
    private final long id;
    /** True once the bus has processed the session's establishment; read and written by the dispatcher only. */
    boolean announced;

    protected TrackedSession(long id) {
        this.id = id;
    }

    public final long id() {
        return id;
    }

    /** The {@code +} event; called on the dispatcher after {@link EventBus#established} was published. */
    protected abstract SessionEvent.Open openEvent();

    /**
     * The end event, called on the dispatcher after {@link EventBus#closed} was published: a
     * {@link SessionEvent.Close} when the session was established, else a {@link SessionEvent.Failed}.
     */
    protected abstract SessionEvent endEvent();
}
