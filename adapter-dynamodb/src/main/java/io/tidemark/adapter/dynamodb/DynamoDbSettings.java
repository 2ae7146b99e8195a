package io.tidemark.adapter.dynamodb;

import io.tidemark.core.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The options of one {@link DynamoDbAuditStore}, checked: what {@link DynamoDbAuditStore.Builder}
 * and {@link DynamoDbAuditStoreProvider} collect, and what the other classes of the store read.
 *
 * <p>There is deliberately no option for eventually consistent reads: every read of the history and
 * of the lock is strongly consistent, because the ports promise that a record whose append returned
 * is seen by the next read of any instance (see {@link io.tidemark.spi.ExecutionHistory}).
 *
 * @param auditTable          the audit table's full name (prefix included)
 * @param lockTable           the lock table's full name (prefix included)
 * @param billing             how tables the store creates are billed
 * @param autoCreate          whether missing tables are created (otherwise only verified)
 * @param pageSize            records per history {@code Query} page, 1 to {@value #MAX_PAGE_SIZE}
 * @param tableActiveTimeout  the longest wait for a created table to become active
 * @param endpointDescription how messages name where the client points; empty to read it from the
 *                            client's configuration
 * @param fromConfiguration   whether {@link DynamoDbAuditStoreProvider} built the store from
 *                            configuration, so that messages name its keys rather than builder calls
 *                            (see {@link #howToSet})
 */
record DynamoDbSettings(
        String auditTable,
        String lockTable,
        Billing billing,
        boolean autoCreate,
        int pageSize,
        Duration tableActiveTimeout,
        Optional<String> endpointDescription,
        boolean fromConfiguration) {

    /** Largest page DynamoDB's {@code Query} is asked for. */
    static final int MAX_PAGE_SIZE = 1000;

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    DynamoDbSettings {
        Objects.requireNonNull(auditTable, "auditTable");
        Objects.requireNonNull(lockTable, "lockTable");
        Objects.requireNonNull(billing, "billing");
        Objects.requireNonNull(tableActiveTimeout, "tableActiveTimeout");
        Objects.requireNonNull(endpointDescription, "endpointDescription");
    }

    /**
     * Settings from the options as a user gives them, table names before the prefix.
     *
     * @throws ConfigurationException naming every invalid option at once
     */
    static DynamoDbSettings checked(
            String prefix,
            String auditTable,
            String lockTable,
            Billing billing,
            boolean autoCreate,
            int pageSize,
            Duration tableActiveTimeout,
            Optional<String> endpointDescription,
            boolean fromConfiguration) {
        List<String> problems = new ArrayList<>(tableNameProblems(prefix, auditTable, lockTable));
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            problems.add("Page size " + pageSize + " is out of range: use 1 to " + MAX_PAGE_SIZE
                    + " records per Query page.");
        }
        if (billing instanceof Provisioned provisioned
                && (provisioned.readCapacityUnits() < 1 || provisioned.writeCapacityUnits() < 1)) {
            problems.add("Provisioned billing needs at least 1 read and 1 write capacity unit, got read "
                    + provisioned.readCapacityUnits() + " and write " + provisioned.writeCapacityUnits() + ".");
        }
        if (tableActiveTimeout.isNegative() || tableActiveTimeout.isZero()) {
            problems.add("Table active timeout " + tableActiveTimeout + " must be positive.");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new DynamoDbSettings(
                prefix + auditTable,
                prefix + lockTable,
                billing,
                autoCreate,
                pageSize,
                tableActiveTimeout,
                endpointDescription,
                fromConfiguration);
    }

    /**
     * How a message tells the reader to change a setting, in the terms that work where the store
     * came from: {@code configuration} (a key, such as {@code tidemark.dynamodb.auto-create=true})
     * for a store the provider built from configuration, {@code code} (a builder call) for one built
     * in code, whose settings no key can change.
     */
    String howToSet(String configuration, String code) {
        return fromConfiguration ? configuration : code;
    }

    /**
     * What is wrong with the table names {@code prefix + audit} and {@code prefix + lock}; empty when
     * nothing. DynamoDB's rule: 3 to 255 letters, digits, {@code _}, {@code -} or {@code .}.
     */
    static List<String> tableNameProblems(String prefix, String audit, String lock) {
        List<String> problems = new ArrayList<>();
        for (String[] table : new String[][] {{"audit", prefix + audit}, {"lock", prefix + lock}}) {
            if (!TABLE_NAME.matcher(table[1]).matches()) {
                problems.add("DynamoDB " + table[0] + " table name '" + table[1] + "' (prefix included) is invalid: "
                        + "use 3 to 255 letters, digits, '_', '-' or '.'.");
            }
        }
        if (audit.equals(lock)) {
            problems.add(
                    "The audit and lock tables are both named '" + prefix + audit + "': give them different names.");
        }
        return problems;
    }

    /**
     * How the tables the store creates are billed. Applies only to tables the store creates;
     * existing tables keep whatever billing they have.
     */
    sealed interface Billing permits OnDemand, Provisioned {}

    /** Pay per request (DynamoDB's {@code PAY_PER_REQUEST}): the default. */
    record OnDemand() implements Billing {
        @Override
        public String toString() {
            return "on-demand";
        }
    }

    /**
     * Provisioned capacity.
     *
     * @param readCapacityUnits  read capacity units, at least 1
     * @param writeCapacityUnits write capacity units, at least 1
     */
    record Provisioned(long readCapacityUnits, long writeCapacityUnits) implements Billing {
        @Override
        public String toString() {
            return "provisioned (" + readCapacityUnits + " RCU, " + writeCapacityUnits + " WCU)";
        }
    }
}
