package io.tidemark.bench.backend;

import io.tidemark.adapter.dynamodb.testing.DynamoDbFixture;
import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.adapter.mongodb.testing.MongoFixture;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.AuditStore;
import io.tidemark.tck.BackendFixture;
import io.tidemark.tck.CountingStore;
import java.time.Clock;
import java.util.Objects;

/**
 * The application instances the scenarios simulate on one backend, all in one namespace of its
 * {@link BackendFixture}: each {@link #start() start} is what an application's start is to the
 * backend, a store over a client of its own whose requests the fixture counts
 * ({@link BackendFixture#openCountingStore}). Nothing else counts requests: every figure of the
 * benchmark is the fixture's {@link io.tidemark.tck.RequestCounts}.
 *
 * @param fixture   the backend's fixture (its server started)
 * @param namespace where every chain and lock of the benchmark lives on it
 * @param clock     the clock of the stores' lock services
 */
public record Instances(BackendFixture fixture, String namespace, Clock clock) {

    /** A key no scenario locks, inspected to open a new client's connection. */
    private static final String CONNECTING_KEY = "bench-connect";
    /** Parallel appends of the loader of backends without a bulk one. */
    private static final int APPENDING_THREADS = 16;

    public Instances {
        Objects.requireNonNull(fixture, "fixture");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(clock, "clock");
    }

    /** The backend's store name: {@code dynamodb}, {@code mongodb}, {@code couchbase}. */
    public String name() {
        return fixture.storeName();
    }

    /**
     * A fresh store, as one start of an instance builds it, over a client of its own that has already
     * sent one request: a lock inspection of a key no scenario uses, which neither initialises the
     * store nor touches a chain (its answer does not matter: before the namespace's tables exist,
     * DynamoDB answers it with an error). The client's connection is then open, as a running
     * application's is, so that a measured run does not time the connecting. Take
     * {@link CountingStore#counts()} after this returns and before what is measured. The caller closes
     * it.
     */
    public CountingStore start() {
        CountingStore started = fixture.openCountingStore(namespace, clock);
        try {
            started.store().lockService().inspect(CONNECTING_KEY);
        } catch (TidemarkException answered) {
            // The request was sent and answered: the connection is open, which is all it was for.
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /**
     * How to put long histories into {@code store}'s namespace quickly, after initialising it: in bulk
     * with the fixture's own client in the adapter's format where that is much faster
     * ({@code BatchWriteItem} on DynamoDB, {@code insertMany} on MongoDB), else parallel appends
     * through {@code store}. Never measured.
     */
    public RecordLoader loader(AuditStore store) {
        store.initialize();
        if (fixture instanceof DynamoDbFixture dynamoDb) {
            return new DynamoDbBatchLoader(dynamoDb.client(), DynamoDbFixture.auditTable(namespace));
        }
        if (fixture instanceof MongoFixture mongo) {
            return new MongoBulkLoader(mongo.client()
                    .getDatabase(MongoFixture.database(namespace))
                    .getCollection(MongoAuditStore.DEFAULT_AUDIT_COLLECTION));
        }
        return RecordLoader.appending(store, APPENDING_THREADS);
    }
}
