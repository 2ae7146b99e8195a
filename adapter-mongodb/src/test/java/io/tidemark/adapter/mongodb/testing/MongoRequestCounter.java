package io.tidemark.adapter.mongodb.testing;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import io.tidemark.tck.RequestCounts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Counts the commands a MongoDB client sends, by kind, as the driver reports them to command
 * listeners (application commands; the driver's own server monitoring is not reported). A command is
 * classified by its collection: on the audit collection {@code insert} is an audit write and
 * {@code find}/{@code getMore} an audit read, whose returned batch counts as records read; anything
 * on the lock collection is a lock request; everything else (index and collection creation or
 * listing, {@code hello}, transactions' {@code commitTransaction}) is "other".
 */
final class MongoRequestCounter implements CommandListener {

    private static final List<String> READS = List.of("find", "getMore", "aggregate", "count");

    private final String auditCollection;
    private final String lockCollection;
    private final Map<Integer, String> auditReadsInFlight = new ConcurrentHashMap<>();
    private final LongAdder auditReads = new LongAdder();
    private final LongAdder auditWrites = new LongAdder();
    private final LongAdder lockRequests = new LongAdder();
    private final LongAdder otherRequests = new LongAdder();
    private final LongAdder recordsRead = new LongAdder();

    MongoRequestCounter(String auditCollection, String lockCollection) {
        this.auditCollection = auditCollection;
        this.lockCollection = lockCollection;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        String collection = collectionOf(name, event.getCommand());
        if (auditCollection.equals(collection)) {
            if (READS.contains(name)) {
                auditReads.increment();
                auditReadsInFlight.put(event.getRequestId(), name);
            } else if (name.equals("insert")) {
                auditWrites.increment();
            } else {
                otherRequests.increment();
            }
        } else if (lockCollection.equals(collection)) {
            lockRequests.increment();
        } else {
            otherRequests.increment();
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
                    recordsRead.add(cursor.getArray(batch).size());
                }
            }
        }
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        auditReadsInFlight.remove(event.getRequestId());
    }

    RequestCounts counts() {
        return new RequestCounts(
                auditReads.sum(), auditWrites.sum(), lockRequests.sum(), otherRequests.sum(), recordsRead.sum());
    }

    /** The collection a command addresses: its first value, or for {@code getMore} its {@code collection} field. */
    private static String collectionOf(String name, BsonDocument command) {
        BsonValue target = name.equals("getMore") ? command.get("collection") : command.get(name);
        return target != null && target.isString() ? target.asString().getValue() : "";
    }
}
