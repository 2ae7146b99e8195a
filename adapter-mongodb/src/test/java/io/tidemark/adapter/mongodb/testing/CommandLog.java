package io.tidemark.adapter.mongodb.testing;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the name of every command a client sends (server monitoring excluded, as the driver
 * reports only application commands to listeners): how tests count the requests an operation makes.
 */
public final class CommandLog implements CommandListener {

    private final List<String> commands = new ArrayList<>();

    @Override
    public synchronized void commandStarted(CommandStartedEvent event) {
        commands.add(event.getCommandName());
    }

    /** The commands sent so far, in order. */
    public synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    /** Forgets the commands sent so far. */
    public synchronized void clear() {
        commands.clear();
    }
}
