package io.tidemark.bench.backend;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Counts the commands a MongoDB client sends, as the driver reports them to command listeners
 * (application commands only; the driver's server monitoring is not reported, and it is not
 * Tidemark's doing). A command is classified by its collection: on the audit collection
 * {@code insert} is an audit write and {@code find}/{@code getMore} an audit read, whose returned
 * batch counts as records read; anything on the lock collection is a lock request; everything else
 * (index creation, collection creation or listing) is "other".
 */
final class MongoCommandMeter implements CommandListener {

    private static final List<String> READS = List.of("find", "getMore", "aggregate", "count");

    private final TrafficMeter meter;
    private final String auditCollection;
    private final String lockCollection;
    private final Map<Integer, String> auditReadsInFlight = new ConcurrentHashMap<>();

    MongoCommandMeter(TrafficMeter meter, String auditCollection, String lockCollection) {
        this.meter = meter;
        this.auditCollection = auditCollection;
        this.lockCollection = lockCollection;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        String collection = collectionOf(name, event.getCommand());
        if (auditCollection.equals(collection)) {
            if (READS.contains(name)) {
                meter.request(TrafficMeter.Kind.AUDIT_READ);
                auditReadsInFlight.put(event.getRequestId(), name);
            } else if (name.equals("insert")) {
                meter.request(TrafficMeter.Kind.AUDIT_WRITE);
            } else {
                meter.request(TrafficMeter.Kind.OTHER);
            }
        } else if (lockCollection.equals(collection)) {
            meter.request(TrafficMeter.Kind.LOCK);
        } else {
            meter.request(TrafficMeter.Kind.OTHER);
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        if (auditReadsInFlight.remove(event.getRequestId()) == null) {
            return;
        }
        BsonDocument reply = event.getResponse();
        if (reply != null && reply.isDocument("cursor")) {
            BsonDocument cursor = reply.getDocument("cursor");
            for (String batch : List.of("firstBatch", "nextBatch")) {
                if (cursor.isArray(batch)) {
                    meter.recordsRead(cursor.getArray(batch).size());
                }
            }
        }
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        auditReadsInFlight.remove(event.getRequestId());
    }

    /** The collection a command addresses: its first value, or for {@code getMore} its {@code collection} field. */
    private static String collectionOf(String name, BsonDocument command) {
        BsonValue target = name.equals("getMore") ? command.get("collection") : command.get(name);
        return target != null && target.isString() ? target.asString().getValue() : "";
    }
}
