package io.tidemark.spring.boot.autoconfigure;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every command a MongoDB client sends (the driver's own monitoring aside), by name. */
final class MongoCommandCounter implements CommandListener {

    private final List<String> commands = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        commands.add(event.getCommandName());
    }

    int count() {
        return commands.size();
    }

    List<String> commands() {
        return List.copyOf(commands);
    }
}
