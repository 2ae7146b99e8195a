package io.tidemark.adapter.mongodb;

import com.mongodb.MongoClientException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.TransactionOptions;
import com.mongodb.client.ClientSession;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.core.error.TransactionRejectedException;
import io.tidemark.spi.AppendResult;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.TransactionSupport;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multi-document transactions for change units that declare a {@link ClientSession} parameter:
 * the change's own writes (made with that session) and its {@code APPLIED} record commit together
 * or not at all.
 *
 * <p>Availability is detected once, when the engine is built with such a change unit: the
 * {@code hello} reply ({@code isMaster} on servers that lack {@code hello}) must show a replica set
 * member ({@code setName}), a {@code mongos} ({@code msg: "isdbgrid"}) or a load balancer
 * ({@code serviceId}), and session support ({@code logicalSessionTimeoutMinutes}). A standalone
 * server has neither, and the engine then refuses to build, naming the reason.
 *
 * <ol>
 *   <li>{@link #begin()}: initialise the store (the unique index must exist, and cannot be created
 *       inside a transaction); start a session and a transaction on it (read concern snapshot, the
 *       store's write concern, primary). The session is the handle the change writes with.</li>
 *   <li>{@link Transaction#abort()} (the change threw, or the engine could not seal its record):
 *       abort the transaction if it is still active, and close the session.</li>
 *   <li>{@link Transaction#commit}: {@code insertOne(session, APPLIED record)}; a duplicate key (or a
 *       write conflict with a concurrent insert of the same sequence) aborts and returns
 *       {@code SequenceConflict}; then commit, retrying while the driver labels the result
 *       {@code UnknownTransactionCommitResult} (the commit is idempotent), up to
 *       {@value #COMMIT_ATTEMPTS} attempts. The session is closed whatever the outcome.</li>
 * </ol>
 * Every request goes through {@link MongoRequests}. Failures of the servers or the network raise
 * {@code StoreUnavailableException}; MongoDB refusing
 * the transaction (a write conflict, an aborted or expired transaction, a limit) raises
 * {@link TransactionRejectedException}. Either way nothing was committed, except when the commit's
 * outcome stays unknown, which the message says.
 *
 * <p>A change unit that ends the transaction itself ({@code abortTransaction()} or
 * {@code commitTransaction()} on its session) and returns normally: the session then has no active
 * transaction when the work returns. No {@code APPLIED} record is written (outside a transaction it
 * would be stored alone), and a {@link TransactionRejectedException} whose
 * {@link TransactionRejectedException#nothingCommitted()} is false is thrown: the change is recorded
 * {@code FAILED} as a change without a transaction would be, and becomes an issue for an operator
 * (its writes may have been committed by its own call). The same holds when the driver refuses the
 * commit because the transaction is in a state Tidemark did not leave it in. Only the exact type
 * {@link ClientSession} makes a change transactional.
 */
final class MongoTransactionSupport implements TransactionSupport<ClientSession> {

    private static final Logger log = LoggerFactory.getLogger(MongoTransactionSupport.class);

    static final int COMMIT_ATTEMPTS = 4;
    private static final int COMMAND_NOT_FOUND = 59;
    private static final int WRITE_CONFLICT = 112;

    private final MongoRequests requests;
    private final MongoSettings settings;
    private final MongoFailures failures;
    private final Runnable initialize;
    private volatile Optional<String> unavailableReason;

    MongoTransactionSupport(MongoRequests requests, Runnable initialize) {
        this.requests = requests;
        this.settings = requests.settings();
        this.failures = requests.failures();
        this.initialize = initialize;
    }

    @Override
    public Class<ClientSession> handleType() {
        return ClientSession.class;
    }

    /** Asks the server once per store (one request, two on servers without {@code hello}); later calls are free. */
    @Override
    public Optional<String> unavailableReason() {
        Optional<String> known = unavailableReason;
        if (known == null) {
            known = detect();
            unavailableReason = known;
        }
        return known;
    }

    private Optional<String> detect() {
        Document reply = handshake();
        String deployment = "the MongoDB deployment at " + failures.hosts();
        boolean replicaSet = reply.containsKey("setName");
        boolean router = "isdbgrid".equals(reply.get("msg"));
        boolean loadBalanced = reply.containsKey("serviceId");
        if (!replicaSet && !router && !loadBalanced) {
            return Optional.of(
                    deployment + " is a standalone server, and MongoDB transactions need a replica set or "
                            + "a sharded cluster. Run MongoDB as a replica set (a single node is enough: start mongod with "
                            + "--replSet rs0 and run rs.initiate()), or remove the ClientSession parameter from the change unit.");
        }
        if (reply.get("logicalSessionTimeoutMinutes") == null) {
            return Optional.of(deployment + " does not support sessions (its hello reply has no "
                    + "logicalSessionTimeoutMinutes), and MongoDB transactions run in a session: they need a replica "
                    + "set or a sharded cluster with sessions enabled.");
        }
        log.debug("{} supports transactions", deployment);
        return Optional.empty();
    }

    /** {@code hello}, or {@code isMaster} where the server does not know {@code hello}. */
    private Document handshake() {
        String action = "asking whether the deployment supports transactions";
        Optional<Document> hello = requests.client(
                action,
                client -> Optional.of(client.getDatabase("admin").runCommand(new Document("hello", 1))),
                failure -> failure.getCode() == COMMAND_NOT_FOUND ? Optional.of(Optional.empty()) : Optional.empty());
        return hello.orElseGet(() -> requests.client(
                action,
                client -> client.getDatabase("admin").runCommand(new Document("isMaster", 1)),
                failure -> Optional.empty()));
    }

    @Override
    public Transaction<ClientSession> begin() {
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            throw new ConfigurationException("Cannot run a change unit in a transaction: " + unavailable.get());
        }
        initialize.run();
        TransactionOptions transaction = TransactionOptions.builder()
                .readConcern(ReadConcern.SNAPSHOT)
                .writeConcern(settings.writeConcern())
                .readPreference(ReadPreference.primary())
                .build();
        ClientSession session =
                requests.client("starting a session", client -> client.startSession(), failure -> Optional.empty());
        try {
            requests.run(null, "starting a transaction", () -> session.startTransaction(transaction));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return new Open(session);
    }

    /** One transaction on its own session; ended, and the session closed, by its commit or its abort. */
    private final class Open implements Transaction<ClientSession> {
        private final ClientSession session;
        private boolean ended;

        Open(ClientSession session) {
            this.session = session;
        }

        @Override
        public ClientSession handle() {
            return session;
        }

        @Override
        public AppendResult commit(AuditRecord applied) {
            ended = true;
            try {
                return commitWithRecord(session, applied);
            } finally {
                session.close();
            }
        }

        @Override
        public void abort() {
            if (!ended) {
                ended = true;
                abortQuietly(session);
                session.close();
            }
        }
    }

    private AppendResult commitWithRecord(ClientSession session, AuditRecord applied) {
        String collection = settings.auditCollection();
        if (!session.hasActiveTransaction()) {
            throw new TransactionRejectedException(
                    failures.describe(collection)
                            + ": the change unit ended Tidemark's transaction itself (it called abortTransaction() or "
                            + "commitTransaction() on the ClientSession). Its writes may have been committed by that call, "
                            + "so no APPLIED record was written and the change is recorded FAILED without being run again "
                            + "by itself: check its writes, then mark it applied or rolled back. To abort, a change throws "
                            + "an exception; the transaction is Tidemark's to commit or abort.",
                    null,
                    false);
        }
        String action = "appending the APPLIED record at seq " + applied.seq() + " of chain '" + applied.chain()
                + "' in the transaction of change '" + applied.changeId() + "'";
        Document document = MongoRecordCodec.toDocument(applied);
        boolean inserted;
        try {
            inserted = requests.audit(
                    action,
                    audit -> {
                        audit.insertOne(session, document);
                        return true;
                    },
                    failure -> {
                        if (MongoFailures.isDuplicateKey(failure) || failure.getCode() == WRITE_CONFLICT) {
                            return Optional.of(false);
                        }
                        throw failed(action, failure, false);
                    });
        } catch (RuntimeException e) {
            abortQuietly(session);
            throw e;
        }
        if (!inserted) {
            abortQuietly(session);
            log.debug("Seq {} of chain '{}' is taken; transaction aborted", applied.seq(), applied.chain());
            return new AppendResult.SequenceConflict(applied.chain(), applied.seq());
        }
        commit(session, applied);
        return new AppendResult.Appended(applied.seq());
    }

    private void commit(ClientSession session, AuditRecord applied) {
        String action = "committing the transaction of change '" + applied.changeId() + "' (seq " + applied.seq()
                + " of chain '" + applied.chain() + "')";
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = attempt == COMMIT_ATTEMPTS;
            boolean committed;
            try {
                committed = requests.call(
                        settings.auditCollection(),
                        action,
                        () -> {
                            session.commitTransaction();
                            return true;
                        },
                        failure -> {
                            boolean unknown =
                                    failure.hasErrorLabel(MongoException.UNKNOWN_TRANSACTION_COMMIT_RESULT_LABEL);
                            if (unknown && !lastAttempt) {
                                log.debug("Outcome of {} unknown, committing again: {}", action, failure.toString());
                                return Optional.of(false);
                            }
                            throw failed(action, failure, unknown);
                        });
            } catch (IllegalStateException e) {
                // The driver's own refusal: the session's transaction is not in a state that can be committed.
                throw new TransactionRejectedException(
                        failures.describe(settings.auditCollection()) + ": " + action
                                + " was refused by the driver (" + e.getMessage()
                                + "); the state of the transaction is not "
                                + "what Tidemark left it in, so the change is recorded FAILED without being run again by "
                                + "itself: check its writes, then mark it applied or rolled back.",
                        e,
                        false);
            }
            if (committed) {
                return;
            }
        }
    }

    /** Infrastructure failures become StoreUnavailable (or Configuration) as everywhere; refusals become TransactionRejected. */
    private RuntimeException failed(String action, MongoException failure, boolean outcomeUnknown) {
        if (outcomeUnknown) {
            return failures.translate(
                    settings.auditCollection(),
                    action + " (the outcome of the commit is unknown: "
                            + "the next run reads the log and sees whether the APPLIED record is there)",
                    failure);
        }
        if (isInfrastructure(failure)) {
            return failures.translate(settings.auditCollection(), action + " (nothing was committed)", failure);
        }
        return new TransactionRejectedException(
                failures.describe(settings.auditCollection()) + ": " + action
                        + " was refused by MongoDB (" + MongoFailures.detail(failure)
                        + "); the transaction was aborted and "
                        + "nothing was committed.",
                failure);
    }

    private static boolean isInfrastructure(MongoException failure) {
        return failure instanceof MongoSocketException
                || failure instanceof MongoTimeoutException
                || failure instanceof MongoNotPrimaryException
                || failure instanceof MongoNodeIsRecoveringException
                || failure instanceof MongoInterruptedException
                || failure instanceof MongoSecurityException
                || failure instanceof MongoClientException
                || failure instanceof MongoExecutionTimeoutException
                || failure.getCode() == 13
                || failure.getCode() == 18;
    }

    /** Aborts the session's transaction if it is still active; a failure is only logged (the server discards it anyway). */
    private void abortQuietly(ClientSession session) {
        try {
            if (session.hasActiveTransaction()) {
                requests.run(settings.auditCollection(), "aborting a transaction", session::abortTransaction);
            }
        } catch (TidemarkException | IllegalStateException e) {
            log.debug("Aborting a transaction failed (the server discards it anyway): {}", e.toString());
        }
    }
}
