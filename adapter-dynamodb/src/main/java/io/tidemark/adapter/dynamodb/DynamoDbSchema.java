package io.tidemark.adapter.dynamodb;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.Diagnosis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Tidemark's two tables: what key schema each must have, and making them ready, at most once per
 * table and store instance: creates the missing ones (auto-create on) or names them with the
 * command that creates them (auto-create off), checks the key schema of those found, and
 * diagnoses them for operators without creating anything.
 *
 * <p>Creating a table: {@code CreateTable} with the configured billing; a
 * {@code ResourceInUseException} means another instance created it first, which is fine; then the
 * SDK waiter polls {@code DescribeTable} until the table is {@code ACTIVE}, and its key schema is
 * checked like that of any table found. Every request goes through {@link DynamoDbRequests#once}.
 */
final class DynamoDbSchema {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbSchema.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final DynamoDbRequests requests;
    private final Table audit;
    private final Table lock;
    private final DynamoDbSettings.Billing billing;
    private final boolean autoCreate;
    private final Duration activeTimeout;
    private final DynamoDbSettings settings;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    DynamoDbSchema(DynamoDbRequests requests, DynamoDbSettings settings) {
        this.requests = requests;
        this.audit = Table.audit(settings.auditTable());
        this.lock = Table.lock(settings.lockTable());
        this.billing = settings.billing();
        this.autoCreate = settings.autoCreate();
        this.activeTimeout = settings.tableActiveTimeout();
        this.settings = settings;
    }

    /** The audit table. */
    Table audit() {
        return audit;
    }

    /** The lock table. */
    Table lock() {
        return lock;
    }

    /**
     * Makes both tables ready: one {@code DescribeTable} per table not known to be ready, then
     * creation of the missing ones or one {@link ConfigurationException} naming every problem.
     */
    synchronized void ensureAll() {
        List<String> problems = new ArrayList<>();
        List<Table> missing = new ArrayList<>();
        for (Table table : List.of(audit, lock)) {
            if (ready.contains(table.name())) {
                continue;
            }
            Optional<TableDescription> found = describe(table);
            if (found.isEmpty()) {
                missing.add(table);
            } else {
                acceptExisting(table, found.get()).ifPresent(problems::add);
            }
        }
        if (!missing.isEmpty()) {
            if (autoCreate) {
                for (Table table : missing) {
                    create(table).ifPresent(problems::add);
                }
            } else {
                problems.add(missingProblem(missing));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    /**
     * Handles a request that found {@code table} missing: creates it (auto-create on) so that the
     * request can be retried, or raises a {@link ConfigurationException} naming it.
     */
    synchronized void recoverMissing(Table table) {
        ready.remove(table.name());
        if (!autoCreate) {
            throw new ConfigurationException(missingProblem(List.of(table)));
        }
        create(table).ifPresent(problem -> {
            throw new ConfigurationException(problem);
        });
    }

    /**
     * Why DynamoDB may have rejected a request on {@code table} as invalid: its key schema is not
     * Tidemark's (one {@code DescribeTable}), said with what was expected and found; empty when the
     * key schema is right or cannot be read now.
     */
    Optional<String> wrongKeySchema(Table table) {
        Optional<TableDescription> found;
        try {
            found = describe(table);
        } catch (TidemarkException unknown) {
            return Optional.empty();
        }
        Optional<String> problem = found.flatMap(table::schemaProblem);
        if (problem.isPresent()) {
            ready.remove(table.name());
        }
        return problem;
    }

    /**
     * Each table as a finding for an operator, from one {@code DescribeTable} each, creating
     * nothing: present with the expected keys and active, missing (a warning with auto-create on,
     * since the first write creates it; a problem with it off), or of the wrong shape.
     */
    List<Diagnosis> diagnose() {
        List<Diagnosis> findings = new ArrayList<>();
        for (Table table : List.of(audit, lock)) {
            String check = "table '" + table.name() + "' (" + table.purpose() + ")";
            try {
                Optional<TableDescription> found = describe(table);
                if (found.isEmpty()) {
                    findings.add(
                            autoCreate
                                    ? Diagnosis.warning(
                                            check,
                                            "does not exist yet at " + requests.endpoint(),
                                            "nothing to do: auto-create is on, the first write creates it")
                                    : Diagnosis.problem(
                                            check, missingProblem(List.of(table)), table.createCommand(billing)));
                    continue;
                }
                Optional<String> problem = table.schemaProblem(found.get());
                if (problem.isPresent()) {
                    findings.add(Diagnosis.problem(
                            check,
                            problem.get(),
                            "use another table name ("
                                    + settings.howToSet(
                                            DynamoDbAuditStoreProvider.TABLE_PREFIX
                                                    + ", " + DynamoDbAuditStoreProvider.AUDIT_TABLE + " or "
                                                    + DynamoDbAuditStoreProvider.LOCK_TABLE,
                                            "tablePrefix(...), auditTable(...) or "
                                                    + "lockTable(...) on DynamoDbAuditStore.builder")
                                    + "), or recreate the table "
                                    + "with " + table.keyDescription()));
                } else if (found.get().tableStatus() != TableStatus.ACTIVE) {
                    findings.add(
                            Diagnosis.warning(check, "is " + found.get().tableStatus(), "wait until it is ACTIVE"));
                } else {
                    findings.add(Diagnosis.ok(check, "active, " + table.keyDescription()));
                }
            } catch (TidemarkException e) {
                findings.add(Diagnosis.problem(
                        check,
                        e.getMessage(),
                        e.isTransient()
                                ? "check that " + requests.endpoint() + " is reachable and the credentials are right"
                                : "grant dynamodb:DescribeTable on the table, or fix the configuration"));
            }
        }
        return findings;
    }

    private Optional<String> acceptExisting(Table table, TableDescription found) {
        Optional<String> problem = table.schemaProblem(found);
        if (problem.isPresent()) {
            return problem;
        }
        if (found.tableStatus() != TableStatus.ACTIVE && found.tableStatus() != TableStatus.UPDATING) {
            log.info("DynamoDB table '{}' is {}, waiting until it is active", table.name(), found.tableStatus());
            TableDescription active = awaitActive(table);
            problem = table.schemaProblem(active);
            if (problem.isPresent()) {
                return problem;
            }
        }
        ready.add(table.name());
        log.debug("DynamoDB table '{}' is ready ({})", table.name(), table.keyDescription());
        return Optional.empty();
    }

    private Optional<String> create(Table table) {
        log.info(
                "Creating DynamoDB table '{}' for Tidemark's {} ({}, {} billing) at {}, waiting until it is active",
                table.name(),
                table.purpose(),
                table.keyDescription(),
                billing,
                requests.endpoint());
        requests.once(table, "CreateTable", client -> {
            try {
                client.createTable(table.createRequest(billing));
            } catch (ResourceInUseException e) {
                log.debug("DynamoDB table '{}' was created meanwhile by someone else", table.name());
            }
            return null;
        });
        TableDescription active = awaitActive(table);
        Optional<String> problem = table.schemaProblem(active);
        if (problem.isEmpty()) {
            ready.add(table.name());
            log.info("DynamoDB table '{}' is active", table.name());
        }
        return problem;
    }

    private TableDescription awaitActive(Table table) {
        return requests.once(table, "waiting for the table to become active", client -> {
            try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                    .client(client)
                    .overrideConfiguration(
                            o -> o.waitTimeout(activeTimeout).backoffStrategyV2(BackoffStrategy.fixedDelay(POLL)))
                    .build()) {
                WaiterResponse<DescribeTableResponse> response =
                        waiter.waitUntilTableExists(r -> r.tableName(table.name()));
                return response.matched()
                        .response()
                        .map(DescribeTableResponse::table)
                        .orElseThrow(() -> SdkException.create(
                                "table did not become active within " + activeTimeout,
                                response.matched().exception().orElse(null)));
            }
        });
    }

    private Optional<TableDescription> describe(Table table) {
        return requests.once(table, "DescribeTable", client -> {
            try {
                return Optional.of(
                        client.describeTable(r -> r.tableName(table.name())).table());
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private String missingProblem(List<Table> missing) {
        String names = missing.stream()
                .map(t -> "'" + t.name() + "' (" + t.purpose() + ")")
                .collect(Collectors.joining(" and "));
        String commands = missing.stream().map(t -> t.createCommand(billing)).collect(Collectors.joining("; "));
        return "DynamoDB " + (missing.size() == 1 ? "table " : "tables ") + names + " "
                + (missing.size() == 1 ? "does" : "do") + " not exist at " + requests.endpoint()
                + " and auto-create is off. Create " + (missing.size() == 1 ? "it" : "them") + " ("
                + missing.stream()
                        .map(t -> t.name() + ": " + t.keyDescription())
                        .collect(Collectors.joining("; "))
                + "), e.g. with: " + commands + " -- or turn auto-create on ("
                + settings.howToSet(
                        DynamoDbAuditStoreProvider.AUTO_CREATE + "=true",
                        "autoCreate(true) on DynamoDbAuditStore.builder")
                + ").";
    }

    /**
     * The key schema one of Tidemark's tables must have, with what it takes to create or check it.
     *
     * @param purpose      what the table holds, for messages ("audit log", "lock")
     * @param name         the table name
     * @param partitionKey the partition (hash) key
     * @param sortKey      the optional sort (range) key
     */
    record Table(String purpose, String name, KeyAttribute partitionKey, Optional<KeyAttribute> sortKey) {

        Table {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(partitionKey, "partitionKey");
            Objects.requireNonNull(sortKey, "sortKey");
        }

        /** The audit table: partition key {@code chain} (S), sort key {@code seq} (N). */
        static Table audit(String name) {
            return new Table(
                    "audit log",
                    name,
                    new KeyAttribute(DynamoDbRecordCodec.CHAIN, ScalarAttributeType.S),
                    Optional.of(new KeyAttribute(DynamoDbRecordCodec.SEQ, ScalarAttributeType.N)));
        }

        /** The lock table: partition key {@code lockKey} (S), no sort key. */
        static Table lock(String name) {
            return new Table(
                    "lock",
                    name,
                    new KeyAttribute(DynamoDbRecordCodec.LOCK_KEY, ScalarAttributeType.S),
                    Optional.empty());
        }

        /** "DynamoDB table 'tidemark_audit'", for messages about what the table holds. */
        String where() {
            return "DynamoDB table '" + name + "'";
        }

        /** "partition key chain (S) and sort key seq (N)". */
        String keyDescription() {
            return "partition key " + partitionKey
                    + sortKey.map(k -> " and sort key " + k).orElse(" and no sort key");
        }

        /** The request that creates this table with {@code billing}. */
        CreateTableRequest createRequest(DynamoDbSettings.Billing billing) {
            List<AttributeDefinition> attributes = new ArrayList<>();
            List<KeySchemaElement> keys = new ArrayList<>();
            attributes.add(AttributeDefinition.builder()
                    .attributeName(partitionKey.name())
                    .attributeType(partitionKey.type())
                    .build());
            keys.add(KeySchemaElement.builder()
                    .attributeName(partitionKey.name())
                    .keyType(KeyType.HASH)
                    .build());
            sortKey.ifPresent(sort -> {
                attributes.add(AttributeDefinition.builder()
                        .attributeName(sort.name())
                        .attributeType(sort.type())
                        .build());
                keys.add(KeySchemaElement.builder()
                        .attributeName(sort.name())
                        .keyType(KeyType.RANGE)
                        .build());
            });
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(name)
                    .attributeDefinitions(attributes)
                    .keySchema(keys);
            if (billing instanceof DynamoDbSettings.Provisioned provisioned) {
                request.billingMode(BillingMode.PROVISIONED)
                        .provisionedThroughput(p -> p.readCapacityUnits(provisioned.readCapacityUnits())
                                .writeCapacityUnits(provisioned.writeCapacityUnits()));
            } else {
                request.billingMode(BillingMode.PAY_PER_REQUEST);
            }
            return request.build();
        }

        /**
         * What is wrong with {@code found}'s key schema, or empty when it is as expected. The message
         * says what was expected and what was found.
         */
        Optional<String> schemaProblem(TableDescription found) {
            Optional<KeyAttribute> foundPartition = keyOf(found, KeyType.HASH);
            Optional<KeyAttribute> foundSort = keyOf(found, KeyType.RANGE);
            if (foundPartition.equals(Optional.of(partitionKey)) && foundSort.equals(sortKey)) {
                return Optional.empty();
            }
            String foundKeys = "partition key "
                    + foundPartition.map(KeyAttribute::toString).orElse("(none)")
                    + foundSort.map(k -> " and sort key " + k).orElse(" and no sort key");
            return Optional.of("DynamoDB table '" + name + "' (Tidemark's " + purpose
                    + " table) has the wrong key schema: expected " + keyDescription() + ", found " + foundKeys
                    + ". Point Tidemark at another table (table name or prefix option) or let it create its own; a "
                    + "table's key schema cannot be changed.");
        }

        /** An AWS CLI command that creates this table, for messages that tell people how to fix a missing table. */
        String createCommand(DynamoDbSettings.Billing billing) {
            StringBuilder command = new StringBuilder("aws dynamodb create-table --table-name ")
                    .append(name)
                    .append(" --attribute-definitions AttributeName=")
                    .append(partitionKey.name())
                    .append(",AttributeType=")
                    .append(partitionKey.type());
            sortKey.ifPresent(sort -> command.append(" AttributeName=")
                    .append(sort.name())
                    .append(",AttributeType=")
                    .append(sort.type()));
            command.append(" --key-schema AttributeName=")
                    .append(partitionKey.name())
                    .append(",KeyType=HASH");
            sortKey.ifPresent(sort ->
                    command.append(" AttributeName=").append(sort.name()).append(",KeyType=RANGE"));
            if (billing instanceof DynamoDbSettings.Provisioned provisioned) {
                command.append(" --billing-mode PROVISIONED --provisioned-throughput ReadCapacityUnits=")
                        .append(provisioned.readCapacityUnits())
                        .append(",WriteCapacityUnits=")
                        .append(provisioned.writeCapacityUnits());
            } else {
                command.append(" --billing-mode PAY_PER_REQUEST");
            }
            return command.toString();
        }

        private static Optional<KeyAttribute> keyOf(TableDescription table, KeyType keyType) {
            return table.keySchema().stream()
                    .filter(k -> k.keyType() == keyType)
                    .findFirst()
                    .map(k -> {
                        ScalarAttributeType type = table.attributeDefinitions().stream()
                                .filter(a -> a.attributeName().equals(k.attributeName()))
                                .findFirst()
                                .map(AttributeDefinition::attributeType)
                                .orElse(ScalarAttributeType.UNKNOWN_TO_SDK_VERSION);
                        return new KeyAttribute(k.attributeName(), type);
                    });
        }
    }

    /**
     * One key attribute.
     *
     * @param name the attribute name
     * @param type its scalar type
     */
    record KeyAttribute(String name, ScalarAttributeType type) {
        @Override
        public String toString() {
            return name + " (" + type + ")";
        }
    }
}
