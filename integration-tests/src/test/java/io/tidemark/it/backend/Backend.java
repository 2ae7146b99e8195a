package io.tidemark.it.backend;

import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.Map;

/**
 * One database the scenarios run on: a server started by the tests (or a container), and
 * everything a scenario needs from it, always for a <em>namespace</em> (a MongoDB database, a
 * Couchbase key prefix, a DynamoDB table prefix) so that tests sharing a server never see each
 * other's records, locks or counters.
 */
public interface Backend {

    /** The store's name, as in {@code tidemark.store}. */
    String name();

    /**
     * Configuration keys ({@code tidemark.store} and the adapter's connection keys) that make the
     * adapter's provider create a store in {@code namespace}: all a child JVM is given.
     */
    Map<String, String> configuration(String namespace);

    /** A store in {@code namespace} built in code, whose lock service takes time from {@code clock}; the caller closes it. */
    AuditStore openStore(String namespace, Clock clock);

    /** Counters in {@code namespace}, over the backend's shared client; the caller closes them. */
    Counters counters(String namespace);

    /** Raw SDK access to the audit records of {@code namespace}. */
    RawAuditRecords rawRecords(String namespace);

    /** A route to this backend that can be cut, for {@code namespace}; the caller closes it. */
    OutageRoute outageRoute(String namespace);
}
