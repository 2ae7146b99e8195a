package io.tidemark.core.testing;

import io.tidemark.core.event.TidemarkEvent;
import io.tidemark.core.event.TidemarkListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event it receives, in order, with the thread it came on. */
public final class RecordingListener implements TidemarkListener {

    private final List<TidemarkEvent> events = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(TidemarkEvent event) {
        events.add(event);
        threads.add(Thread.currentThread());
    }

    /** The events received, in order. */
    public List<TidemarkEvent> events() {
        return List.copyOf(events);
    }

    /** The simple names of the events' types, in order: what most order assertions compare. */
    public List<String> types() {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    /** The events of type {@code type}, in order. */
    public <T extends TidemarkEvent> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The thread each event was delivered on. */
    public List<Thread> threads() {
        return List.copyOf(threads);
    }

    /** Forgets what was received. */
    public void clear() {
        events.clear();
        threads.clear();
    }
}
