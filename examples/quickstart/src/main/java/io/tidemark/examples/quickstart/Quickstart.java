package io.tidemark.examples.quickstart;

import io.tidemark.adapter.dynamodb.DynamoDbAuditStore;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.config.ConfigSource;
import io.tidemark.core.config.TidemarkConfig;
import io.tidemark.core.model.AuditRecord;
import io.tidemark.core.model.RunReport;
import io.tidemark.examples.quickstart.changes.Orders;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The quickstart itself: starts the target DynamoDB, runs the change units of
 * {@code io.tidemark.examples.quickstart.changes} twice (the second time as a restarted instance
 * would), and prints the run reports, the audit history and what the changes produced.
 *
 * <p>The audit store is the target DynamoDB, built in code, unless {@code tidemark.store} is set:
 * then Tidemark is built without {@code auditStore(...)} and creates the store named by
 * configuration itself, while the change units still work on DynamoDB.
 */
public final class Quickstart {

    static final String CHANGES_PACKAGE = "io.tidemark.examples.quickstart.changes";

    /**
     * What the quickstart saw.
     *
     * @param first   the first start's report
     * @param second  the restarted instance's report
     * @param history the audit chain after both
     */
    public record Outcome(RunReport first, RunReport second, List<AuditRecord> history) {
    }

    private final QuickstartSettings settings;
    private final List<ConfigSource> configuration;
    private final PrintStream out;

    /**
     * @param settings      what to start and which store to use
     * @param configuration where Tidemark's configuration comes from, first source wins
     * @param out           where to print
     */
    public Quickstart(QuickstartSettings settings, List<ConfigSource> configuration, PrintStream out) {
        this.settings = settings;
        this.configuration = List.copyOf(configuration);
        this.out = out;
    }

    /** Runs the quickstart; see the class description. */
    public Outcome run() {
        try (TargetDynamoDb target = TargetDynamoDb.start(settings)) {
            out.println("Tidemark quickstart");
            out.println("  change units work on : " + target.description());

            RunReport first = start(target, "Start #1");
            if (first.nothingToDo()) {
                out.println("Nothing applied: the audit log already records every change unit as applied"
                        + settings.dataDir().map(dir -> " (DynamoDB Local keeps its data in " + dir
                                + "; delete it, or run mvn clean, to start from scratch)").orElse("") + ".");
            }
            RunReport second = start(target, "Start #2, as a restarted instance would");
            if (second.nothingToDo()) {
                out.println("Nothing applied: every change unit is already recorded as applied in the audit log.");
            }

            List<AuditRecord> history;
            try (Tidemark tidemark = builder(target).build()) {
                out.println();
                out.println("== Audit history of chain '" + tidemark.chain() + "' ==");
                try (Stream<AuditRecord> records = tidemark.operator().history()) {
                    history = records.toList();
                }
                AuditHistoryTable.print(history, out);
                VerificationResult verification = tidemark.operator().verify();
                out.println(verification instanceof VerificationResult.Intact intact
                        ? "Hash chain verified: " + intact.records() + " records intact, tip hash " + intact.tipHash()
                        : "Hash chain BROKEN: " + verification);
            }
            printOrders(target.client());
            return new Outcome(first, second, history);
        }
    }

    private RunReport start(TargetDynamoDb target, String title) {
        try (Tidemark tidemark = builder(target).build()) {
            out.println();
            out.println("== " + title + " ==");
            out.println("audit store " + settings.store().map(name -> "(from configuration, tidemark.store=" + name + ")")
                    .orElse("(built in code)") + ": " + tidemark.store().describe());
            RunReport report = tidemark.run();
            out.println(report.summary());
            return report;
        }
    }

    /**
     * A Tidemark over the quickstart's change units with the target's client as a dependency. The
     * store is built here on the same client, or, when {@code tidemark.store} is set, left to
     * configuration: {@code auditStore(...)} is then not called at all.
     */
    private TidemarkBuilder builder(TargetDynamoDb target) {
        TidemarkBuilder builder = Tidemark.builder()
                .scanPackage(CHANGES_PACKAGE)
                .dependency(DynamoDbClient.class, target.client());
        if (settings.store().isPresent()) {
            return builder.configuration(withTargetAsFallback(target));
        }
        return builder.configuration(TidemarkConfig.of(configuration.toArray(ConfigSource[]::new)))
                .auditStore(inProcessAware(DynamoDbAuditStore.builder(target.client()), target).build());
    }

    /** An in-process client cannot say where it points; tell the store, for its messages. */
    private static DynamoDbAuditStore.Builder inProcessAware(DynamoDbAuditStore.Builder store, TargetDynamoDb target) {
        return target.endpoint().isPresent() ? store : store.endpointDescription("DynamoDB Local in-process");
    }

    /**
     * The configuration, plus the target's endpoint and region as the last fallback, so that
     * {@code tidemark.store=dynamodb} alone finds the DynamoDB Local started here, and the store
     * these settings name, so that the choice holds with several adapters on the class path.
     */
    private TidemarkConfig withTargetAsFallback(TargetDynamoDb target) {
        Map<String, String> fallback = new HashMap<>();
        settings.store().ifPresent(name -> fallback.put("tidemark.store", name));
        target.endpoint().ifPresent(uri -> fallback.put("tidemark.dynamodb.endpoint", uri.toString()));
        fallback.put("tidemark.dynamodb.region", settings.region());
        List<ConfigSource> sources = new ArrayList<>(configuration);
        sources.add(ConfigSource.of("quickstart default", fallback));
        return TidemarkConfig.of(sources.toArray(ConfigSource[]::new));
    }

    private void printOrders(DynamoDbClient dynamoDb) {
        out.println();
        out.println("== What the change units produced ==");
        List<Map<String, AttributeValue>> orders = dynamoDb.query(query -> query
                .tableName(Orders.TABLE)
                .indexName(Orders.BY_CUSTOMER_INDEX)
                .keyConditionExpression("#customer = :customer")
                .expressionAttributeNames(Map.of("#customer", Orders.CUSTOMER_ID))
                .expressionAttributeValues(Map.of(":customer", AttributeValue.fromS("c-ada")))).items();
        out.println("Orders of customer c-ada, read through the index '" + Orders.BY_CUSTOMER_INDEX + "':");
        for (Map<String, AttributeValue> order : orders) {
            long cents = Long.parseLong(order.get(Orders.TOTAL_CENTS).n());
            out.printf("  %-7s placed %s  %8s  status %s%n", order.get(Orders.ORDER_ID).s(),
                    order.get(Orders.PLACED_AT).s(), String.format("%d.%02d", cents / 100, cents % 100),
                    Optional.ofNullable(order.get(Orders.STATUS)).map(AttributeValue::s).orElse("(none)"));
        }
    }
}
