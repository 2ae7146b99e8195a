package io.tidemark.adapter.dynamodb;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.Diagnosis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Makes Tidemark's tables ready, at most once per table and store instance: creates the missing
 * ones (auto-create on) or names them (auto-create off), and checks the key schema of those found.
 *
 * <p>Creating a table: {@code CreateTable} with the configured billing; a
 * {@code ResourceInUseException} means another instance created it first, which is fine; then
 * the SDK waiter polls {@code DescribeTable} until the table is {@code ACTIVE}, and its key schema
 * is checked like that of any table found.
 */
final class TableProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TableProvisioner.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final DynamoDbClient client;
    private final List<TableLayout> tables;
    private final TableBilling billing;
    private final boolean autoCreate;
    private final Duration activeTimeout;
    private final DynamoDbFailures failures;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    TableProvisioner(DynamoDbClient client, List<TableLayout> tables, TableBilling billing, boolean autoCreate,
            Duration activeTimeout, DynamoDbFailures failures) {
        this.client = client;
        this.tables = List.copyOf(tables);
        this.billing = billing;
        this.autoCreate = autoCreate;
        this.activeTimeout = activeTimeout;
        this.failures = failures;
    }

    /**
     * Makes every table ready: one {@code DescribeTable} per table not known to be ready, then
     * creation of the missing ones or one {@link ConfigurationException} naming every problem.
     */
    synchronized void ensureAll() {
        List<String> problems = new ArrayList<>();
        List<TableLayout> missing = new ArrayList<>();
        for (TableLayout table : tables) {
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
                for (TableLayout table : missing) {
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
    synchronized void recoverMissing(TableLayout table) {
        ready.remove(table.name());
        if (!autoCreate) {
            throw new ConfigurationException(missingProblem(List.of(table)));
        }
        create(table).ifPresent(problem -> {
            throw new ConfigurationException(problem);
        });
    }

    /**
     * Explains why DynamoDB rejected a request on {@code table} as invalid: a wrong key schema
     * (one {@code DescribeTable}) gives a message with what was expected and found; otherwise
     * the rejection as it is.
     */
    TidemarkException explainRejection(TableLayout table, SdkException rejection, String action) {
        Optional<TableDescription> found;
        try {
            found = describe(table);
        } catch (TidemarkException e) {
            return failures.translate(rejection, action, table.name());
        }
        Optional<String> problem = found.flatMap(table::schemaProblem);
        if (problem.isPresent()) {
            ready.remove(table.name());
            return new ConfigurationException(problem.get(), rejection);
        }
        return failures.translate(rejection, action, table.name());
    }

    /**
     * Each table as a finding for an operator, from one {@code DescribeTable} each, creating nothing:
     * present with the expected keys and active, missing (a warning with auto-create on, since the
     * first write creates it; a problem with it off), or of the wrong shape.
     */
    List<Diagnosis> diagnose() {
        List<Diagnosis> findings = new ArrayList<>();
        for (TableLayout table : tables) {
            String check = "table '" + table.name() + "' (" + table.purpose() + ")";
            try {
                Optional<TableDescription> found = describe(table);
                if (found.isEmpty()) {
                    findings.add(autoCreate
                            ? Diagnosis.warning(check, "does not exist yet at " + failures.endpoint(),
                                    "nothing to do: auto-create is on, the first write creates it")
                            : Diagnosis.problem(check, missingProblem(List.of(table)), table.createCommand(billing)));
                    continue;
                }
                Optional<String> problem = table.schemaProblem(found.get());
                if (problem.isPresent()) {
                    findings.add(Diagnosis.problem(check, problem.get(),
                            "use another table name (tidemark.dynamodb.table-prefix), or recreate the table with "
                                    + table.keyDescription()));
                } else if (found.get().tableStatus() != TableStatus.ACTIVE) {
                    findings.add(Diagnosis.warning(check, "is " + found.get().tableStatus(),
                            "wait until it is ACTIVE"));
                } else {
                    findings.add(Diagnosis.ok(check, "active, " + table.keyDescription()));
                }
            } catch (TidemarkException e) {
                findings.add(Diagnosis.problem(check, e.getMessage(), e.isTransient()
                        ? "check that " + failures.endpoint() + " is reachable and the credentials are right"
                        : "grant dynamodb:DescribeTable on the table, or fix the configuration"));
            }
        }
        return findings;
    }

    private Optional<String> acceptExisting(TableLayout table, TableDescription found) {
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

    private Optional<String> create(TableLayout table) {
        log.info("Creating DynamoDB table '{}' for Tidemark's {} ({}, {} billing) at {}, waiting until it is active",
                table.name(), table.purpose(), table.keyDescription(), billing, failures.endpoint());
        try {
            client.createTable(table.createRequest(billing));
        } catch (ResourceInUseException e) {
            log.debug("DynamoDB table '{}' was created meanwhile by someone else", table.name());
        } catch (SdkException e) {
            throw failures.translate(e, "CreateTable", table.name());
        }
        TableDescription active = awaitActive(table);
        Optional<String> problem = table.schemaProblem(active);
        if (problem.isEmpty()) {
            ready.add(table.name());
            log.info("DynamoDB table '{}' is active", table.name());
        }
        return problem;
    }

    private TableDescription awaitActive(TableLayout table) {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client)
                .overrideConfiguration(o -> o.waitTimeout(activeTimeout).backoffStrategyV2(BackoffStrategy.fixedDelay(POLL)))
                .build()) {
            WaiterResponse<DescribeTableResponse> response = waiter.waitUntilTableExists(r -> r.tableName(table.name()));
            return response.matched().response().map(DescribeTableResponse::table).orElseThrow(() ->
                    failures.translate(SdkException.create("table did not become active within " + activeTimeout,
                            response.matched().exception().orElse(null)), "waiting for the table to become active",
                            table.name()));
        } catch (SdkException e) {
            throw failures.translate(e, "waiting for the table to become active", table.name());
        }
    }

    private Optional<TableDescription> describe(TableLayout table) {
        try {
            return Optional.of(client.describeTable(r -> r.tableName(table.name())).table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failures.translate(e, "DescribeTable", table.name());
        }
    }

    private String missingProblem(List<TableLayout> missing) {
        String names = missing.stream().map(t -> "'" + t.name() + "' (" + t.purpose() + ")")
                .collect(Collectors.joining(" and "));
        String commands = missing.stream().map(t -> t.createCommand(billing)).collect(Collectors.joining("; "));
        return "DynamoDB " + (missing.size() == 1 ? "table " : "tables ") + names + " "
                + (missing.size() == 1 ? "does" : "do") + " not exist at " + failures.endpoint()
                + " and auto-create is off. Create " + (missing.size() == 1 ? "it" : "them") + " ("
                + missing.stream().map(t -> t.name() + ": " + t.keyDescription()).collect(Collectors.joining("; "))
                + "), e.g. with: " + commands + " -- or turn auto-create on (tidemark.dynamodb.auto-create=true, "
                + "or autoCreate(true) on DynamoDbAuditStore.builder).";
    }
}
