package io.tidemark.adapter.couchbase;

import com.couchbase.client.core.error.AmbiguousTimeoutException;
import com.couchbase.client.core.error.CouchbaseException;
import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.core.error.UnambiguousTimeoutException;
import com.couchbase.client.java.Collection;
import com.couchbase.client.java.json.JsonObject;
import com.couchbase.client.java.query.QueryOptions;
import com.couchbase.client.java.query.QueryScanConsistency;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.MongockChangeLog;
import io.tidemark.spi.MongockEntry;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Mongock's change log in a Couchbase collection, as Mongock 5's {@code couchbase-driver} writes it:
 * one JSON document per entry, keyed {@code mongockChangeEntry-<executionId>-<author>-<changeId>}, with
 * {@code _doctype = "mongockChangeEntry"} and the fields {@code executionId}, {@code changeId},
 * {@code author}, {@code timestamp} (epoch milliseconds), {@code state}, {@code type},
 * {@code changeLogClass}, {@code changeSetMethod}, {@code metadata} (an object),
 * {@code executionMillis}, {@code executionHostname}, {@code errorTrace} and {@code systemChange}.
 *
 * <p>A Couchbase collection cannot be listed with key-value operations, and Mongock's driver finds its
 * documents with SQL++ too: the keys are listed with one query ({@code SELECT RAW META().id ... WHERE
 * _doctype = "mongockChangeEntry"}, request-plus consistency), which needs the query service and an
 * index on {@code _doctype} (Mongock's own {@code idx_mongock_keys} serves, as does a primary index).
 * Each document is then read by key, one at a time as the stream is consumed, so its content is strongly
 * consistent. This is the adapter's only query: Tidemark's own records never need one. Nothing is
 * written or created.
 */
final class CouchbaseMongockChangeLog implements MongockChangeLog {

    static final String DOCUMENT_TYPE = "mongockChangeEntry";

    /** How the keys of Mongock's documents are found; SQL++ in production (see the class description). */
    @FunctionalInterface
    interface KeyListing {
        List<String> keys(CouchbaseMongockChangeLog changeLog);
    }

    private final CouchbaseRequests requests;
    private final String bucket;
    private final String scope;
    private final String collection;
    private final KeyListing listing;

    CouchbaseMongockChangeLog(CouchbaseRequests requests, String name) {
        this(requests, name, CouchbaseMongockChangeLog::queryKeys);
    }

    /** With another way of listing keys: for tests on a server without a query service. */
    CouchbaseMongockChangeLog(CouchbaseRequests requests, String name, KeyListing listing) {
        this.requests = requests;
        this.bucket = requests.settings().bucket();
        int dot = name.indexOf('.');
        this.scope = dot < 0 ? requests.settings().scope() : name.substring(0, dot);
        this.collection = dot < 0 ? name : name.substring(dot + 1);
        this.listing = listing;
    }

    @Override
    public String describe() {
        return "Mongock's change log in Couchbase bucket '" + bucket + "', collection '" + scope + "." + collection
                + "' (documents with _doctype '" + DOCUMENT_TYPE + "')";
    }

    @Override
    public Stream<MongockEntry> entries() {
        List<String> keys = listing.keys(this);
        return keys.stream().map(this::read).flatMap(Optional::stream);
    }

    /** The document under {@code key} as an entry; empty when it was removed since the keys were listed. */
    private Optional<MongockEntry> read(String key) {
        return requests.cluster("reading Mongock's change log entry '" + key + "'", cluster -> {
            Collection documents = cluster.bucket(bucket).scope(scope).collection(collection);
            try {
                return Optional.of(toEntry(key, documents.get(key).contentAsObject()));
            } catch (DocumentNotFoundException removed) {
                return Optional.empty();
            }
        });
    }

    private static List<String> queryKeys(CouchbaseMongockChangeLog changeLog) {
        String keyspace = "_default".equals(changeLog.scope) && "_default".equals(changeLog.collection)
                ? "`" + changeLog.bucket + "`"
                : "`" + changeLog.bucket + "`.`" + changeLog.scope + "`.`" + changeLog.collection + "`";
        String statement = "SELECT RAW META(e).id FROM " + keyspace + " e WHERE e._doctype = $type";
        return changeLog.requests.cluster("listing Mongock's change log", cluster -> {
            try {
                return cluster.query(
                                statement,
                                QueryOptions.queryOptions()
                                        .parameters(JsonObject.create().put("type", DOCUMENT_TYPE))
                                        .scanConsistency(QueryScanConsistency.REQUEST_PLUS))
                        .rowsAs(String.class);
            } catch (AmbiguousTimeoutException | UnambiguousTimeoutException timeout) {
                throw timeout;
            } catch (CouchbaseException failure) {
                throw new ConfigurationException(
                        changeLog.describe() + " could not be listed with SQL++ (" + statement
                                + "): " + failure.getMessage()
                                + ". Reading Mongock's change log on Couchbase needs the query "
                                + "service and an index on _doctype in that collection (Mongock's own idx_mongock_keys, or a "
                                + "primary index: CREATE PRIMARY INDEX ON " + keyspace + "), and the user needs the "
                                + "query_select role on it. Check also the bucket, scope and collection names (--collection "
                                + "takes 'collection' in the configured scope, or 'scope.collection').",
                        failure);
            }
        });
    }

    static MongockEntry toEntry(String key, JsonObject document) {
        return MongockEntry.fromDocument(
                "key " + key,
                document::get,
                value -> value instanceof JsonObject nested
                        ? Optional.of(nested.isEmpty() ? "" : nested.toString())
                        : Optional.empty());
    }
}
