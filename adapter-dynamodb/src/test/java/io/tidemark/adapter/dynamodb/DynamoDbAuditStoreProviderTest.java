package io.tidemark.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.ConfigSource;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStoreProvider;
import io.tidemark.tck.TestRecords;
import io.tidemark.tck.changes.ChangeTarget;
import io.tidemark.tck.changes.SampleChanges;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The {@code dynamodb} provider: discovery, configuration keys, their validation, and stores it builds. */
class DynamoDbAuditStoreProviderTest {

    private static DynaliteServer server;

    @BeforeAll
    static void startServer() {
        server = DynaliteServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static TidemarkConfig config(Map<String, String> values) {
        return TidemarkConfig.of(ConfigSource.of("test configuration", values));
    }

    private static TidemarkConfig serverConfig(Map<String, String> more) {
        Map<String, String> values = new HashMap<>(server.configuration());
        values.putAll(more);
        return config(values);
    }

    private static ConfigurationException invalid(Map<String, String> values) {
        return catchThrowableOfType(
                ConfigurationException.class, () -> new DynamoDbAuditStoreProvider().create(config(values)));
    }

    @Test
    void isFoundOnTheClassPathByItsName() {
        AuditStoreProvider provider = ServiceLoader.load(
                        AuditStoreProvider.class, getClass().getClassLoader())
                .stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("dynamodb"))
                .findFirst()
                .orElseThrow();

        assertThat(provider).isInstanceOf(DynamoDbAuditStoreProvider.class);
        assertThat(provider.keys())
                .contains(
                        "tidemark.dynamodb.endpoint",
                        "tidemark.dynamodb.region",
                        "tidemark.dynamodb.table-prefix",
                        "tidemark.dynamodb.billing-mode",
                        "tidemark.dynamodb.read-capacity",
                        "tidemark.dynamodb.write-capacity",
                        "tidemark.dynamodb.auto-create");
    }

    @Test
    void tidemarkBuiltWithoutAStoreUsesTheProviderAndOwnsTheStore() {
        ChangeTarget target = new ChangeTarget();
        String chain = "provider-" + Long.toHexString(System.nanoTime());

        try (Tidemark tidemark = Tidemark.builder()
                .configuration(serverConfig(Map.of("tidemark.dynamodb.table-prefix", "prov_")))
                .chain(chain)
                .changeUnits(SampleChanges.BASIC.toArray(Class<?>[]::new))
                .dependency(ChangeTarget.class, target)
                .build()) {
            assertThat(tidemark.store()).isInstanceOf(DynamoDbAuditStore.class);
            assertThat(tidemark.run().applied()).hasSize(4);
        }

        assertThat(server.client()
                        .query(q -> q.tableName("prov_tidemark_audit")
                                .keyConditionExpression("chain = :c")
                                .expressionAttributeValues(Map.of(
                                        ":c",
                                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(chain))))
                        .count())
                .isEqualTo(9);
    }

    @Test
    void keysSetTablesBillingAndAutoCreate() {
        try (DynamoDbAuditStore store = new DynamoDbAuditStoreProvider()
                .create(serverConfig(Map.of(
                        "tidemark.dynamodb.table-prefix",
                        "cfg_",
                        "tidemark.dynamodb.audit-table",
                        "history",
                        "tidemark.dynamodb.lock-table",
                        "locks",
                        "tidemark.dynamodb.billing-mode",
                        "PROVISIONED",
                        "tidemark.dynamodb.read-capacity",
                        "4",
                        "tidemark.dynamodb.write-capacity",
                        "3",
                        "tidemark.dynamodb.auto-create",
                        "true")))) {
            store.initialize();

            TableDescription audit = server.client()
                    .describeTable(r -> r.tableName("cfg_history"))
                    .table();
            assertThat(audit.provisionedThroughput().readCapacityUnits()).isEqualTo(4);
            assertThat(audit.provisionedThroughput().writeCapacityUnits()).isEqualTo(3);
            assertThat(server.client().listTables().tableNames()).contains("cfg_locks");
            assertThat(store.describe())
                    .contains("cfg_history", "cfg_locks", server.endpoint().toString(), "provisioned (4 RCU, 3 WCU)");
        }
    }

    @Test
    void autoCreateOffFromConfigurationNamesTheMissingTables() {
        try (DynamoDbAuditStore store = new DynamoDbAuditStoreProvider()
                .create(serverConfig(Map.of(
                        "tidemark.dynamodb.table-prefix", "absent_", "tidemark.dynamodb.auto-create", "false")))) {
            ConfigurationException missing = catchThrowableOfType(ConfigurationException.class, store::initialize);

            assertThat(missing.getMessage())
                    .contains("absent_tidemark_audit", "absent_tidemark_lock", "auto-create is off");
        }
    }

    @Test
    void aStoreFromConfigurationWorksEndToEnd() {
        try (DynamoDbAuditStore store = new DynamoDbAuditStoreProvider().create(serverConfig(Map.of()))) {
            AuditRecord first = TestRecords.applied("provider-e2e", 1, AuditRecord.GENESIS_HASH);
            store.append(first);
            assertThat(store.history().tip("provider-e2e")).contains(first);
        }
    }

    @Test
    void severalInvalidKeysAreReportedTogetherEachNamingItsKey() {
        ConfigurationException problems = invalid(Map.of(
                "tidemark.dynamodb.endpoint", "localhost:8000",
                "tidemark.dynamodb.region", "EU West",
                "tidemark.dynamodb.billing-mode", "sometimes",
                "tidemark.dynamodb.read-capacity", "lots",
                "tidemark.dynamodb.auto-create", "maybe",
                "tidemark.dynamodb.page-size", "0"));

        assertThat(problems.problems()).hasSize(6);
        assertThat(problems.problems())
                .anySatisfy(p ->
                        assertThat(p).contains("tidemark.dynamodb.endpoint", "'localhost:8000'", "http or https URL"));
        assertThat(problems.problems())
                .anySatisfy(p -> assertThat(p).contains("tidemark.dynamodb.region", "'EU West'", "eu-west-1"));
        assertThat(problems.problems())
                .anySatisfy(p -> assertThat(p)
                        .contains("tidemark.dynamodb.billing-mode", "'sometimes'", "on-demand", "provisioned"));
        assertThat(problems.problems())
                .anySatisfy(p -> assertThat(p).contains("tidemark.dynamodb.read-capacity", "'lots'", "whole number"));
        assertThat(problems.problems())
                .anySatisfy(p -> assertThat(p).contains("tidemark.dynamodb.auto-create", "'maybe'", "true or false"));
        assertThat(problems.problems())
                .anySatisfy(p -> assertThat(p).contains("tidemark.dynamodb.page-size", "1 to 1000"));
        assertThat(problems.getMessage()).startsWith("6 problems:");
    }

    /** Issue 13, item 3: a malformed endpoint is a clear message with an example, never a URISyntaxException. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "localhost:8000            | this value has no http:// or https:// in front",
                "localhost                 | this value has no http:// or https:// in front",
                "//localhost:8000          | this value has no http:// or https:// in front",
                "ftp://localhost:8000      | this value's scheme is 'ftp'",
                "http://                   | this value is not a valid URL: Expected authority at index 7",
                "http://local host:8000    | this value is not a valid URL: Illegal character in authority at index 7",
                "http://localhost:port     | this value has no host name, or a port that is not a number",
                "http:/localhost:8000      | this value has no host name, or a port that is not a number",
                "http://localhost:70000    | this value's port 70000 is not between 1 and 65535",
                "http://localhost:0        | this value's port 0 is not between 1 and 65535",
                "http://localhost:8000?x=1 | this value has a query or a fragment",
            })
    void aMalformedEndpointIsNamedWithAnExampleOfARightOne(String endpoint, String why) {
        ConfigurationException problems =
                invalid(Map.of("tidemark.dynamodb.endpoint", endpoint, "tidemark.dynamodb.region", "eu-west-1"));

        assertThat(problems).as("a ConfigurationException").isNotNull();
        assertThat(problems.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem)
                        .startsWith("Invalid configuration tidemark.dynamodb.endpoint = '" + endpoint
                                + "': expected an http or " + "https URL with a host, such as http://localhost:8000")
                        .contains(why));
        assertThat(problems).hasNoCause();
    }

    /**
     * Issue 13, items 2 and 3, the library's entry point: {@code Tidemark.builder()} with a malformed
     * endpoint fails {@code build()} with the adapter's one message (the one {@link
     * DynamoDbAuditStoreProvider#endpoint} gives every program), plus what leaving the key out means
     * in an application.
     */
    @Test
    void theLibraryBuilderReportsAMalformedEndpointWithTheAdaptersMessage() {
        String adapters = catchThrowableOfType(
                        ConfigurationException.class, () -> DynamoDbAuditStoreProvider.endpoint("localhost:8000"))
                .getMessage();
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.of(
                "system property",
                Map.of(
                        "tidemark.store",
                        "dynamodb",
                        "tidemark.dynamodb.endpoint",
                        "localhost:8000",
                        "tidemark.dynamodb.region",
                        "eu-west-1")));

        ConfigurationException thrown = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.builder()
                        .configuration(config)
                        .changeUnits(SampleChanges.BASIC.toArray(Class<?>[]::new))
                        .dependency(new ChangeTarget())
                        .build());

        assertThat(thrown)
                .hasMessage(adapters + " Leave the key out to use the AWS endpoint of the region.")
                .hasNoCause();
        assertThat(adapters)
                .isEqualTo("Invalid configuration tidemark.dynamodb.endpoint = 'localhost:8000': expected an "
                        + "http or https URL with a host, such as http://localhost:8000 for a local DynamoDB or "
                        + "https://dynamodb.eu-west-1.amazonaws.com (this value has no http:// or https:// in front).");
    }

    @Test
    void aMalformedEndpointWithAPasswordDoesNotShowThePassword() {
        ConfigurationException problems = invalid(Map.of(
                "tidemark.dynamodb.endpoint",
                "http://user:hunter2@local host:8000",
                "tidemark.dynamodb.region",
                "eu-west-1"));

        assertThat(problems.getMessage()).doesNotContain("hunter2").contains("user:****@", "not a valid URL");
    }

    @Test
    void aMalformedEndpointStopsTheTidemarkBuilderWithTheSameMessage() {
        ConfigurationException problems = catchThrowableOfType(ConfigurationException.class, () -> {
            try (Tidemark tidemark = Tidemark.builder()
                    .configuration(config(
                            Map.of("tidemark.store", "dynamodb", "tidemark.dynamodb.endpoint", "localhost:8000")))
                    .changeUnits(SampleChanges.BASIC.toArray(Class<?>[]::new))
                    .dependency(ChangeTarget.class, new ChangeTarget())
                    .build()) {
                tidemark.run();
            }
        });

        assertThat(problems).as("a ConfigurationException").isNotNull();
        assertThat(problems.getMessage())
                .contains(
                        "tidemark.dynamodb.endpoint",
                        "'localhost:8000'",
                        "expected an http or https URL",
                        "such as http://localhost:8000");
    }

    @Test
    void provisionedBillingNeedsBothCapacities() {
        ConfigurationException problems = invalid(Map.of(
                "tidemark.dynamodb.endpoint",
                "http://127.0.0.1:1",
                "tidemark.dynamodb.billing-mode",
                "provisioned",
                "tidemark.dynamodb.write-capacity",
                "0"));

        assertThat(problems.problems()).hasSize(2);
        assertThat(problems.problems().get(0))
                .contains("Missing configuration tidemark.dynamodb.read-capacity", "provisioned");
        assertThat(problems.problems().get(1)).contains("tidemark.dynamodb.write-capacity", "'0'", "at least 1");
    }

    @Test
    void capacitiesWithOnDemandBillingAreRefused() {
        ConfigurationException problems = invalid(
                Map.of("tidemark.dynamodb.endpoint", "http://127.0.0.1:1", "tidemark.dynamodb.read-capacity", "5"));

        assertThat(problems.getMessage())
                .contains(
                        "tidemark.dynamodb.read-capacity is set",
                        "tidemark.dynamodb.billing-mode is on-demand",
                        "billing-mode=provisioned");
    }

    @Test
    void invalidTableNamesNameTheKeysThatMakeThem() {
        ConfigurationException problems = invalid(Map.of(
                "tidemark.dynamodb.endpoint",
                "http://127.0.0.1:1",
                "tidemark.dynamodb.table-prefix",
                "my app/",
                "tidemark.dynamodb.lock-table",
                "tidemark_audit"));

        assertThat(problems.getMessage())
                .contains("'my app/tidemark_audit'", "tidemark.dynamodb.table-prefix", "both named");
    }

    @Test
    void anEndpointOverrideWithoutRegionDefaultsToUsEast1OrTheEnvironmentsRegion() {
        try (DynamoDbAuditStore store = new DynamoDbAuditStoreProvider()
                .create(config(
                        Map.of("tidemark.dynamodb.endpoint", server.endpoint().toString())))) {
            assertThat(store.describe()).contains(server.endpoint().toString(), "(region ");
            assertThat(store.history().tip("no-region")).isEmpty();
        }
    }

    @Test
    void describeMasksAPasswordInTheEndpoint() {
        try (DynamoDbAuditStore store = new DynamoDbAuditStoreProvider()
                .create(config(Map.of(
                        "tidemark.dynamodb.endpoint",
                        "http://user:hunter2@127.0.0.1:1",
                        "tidemark.dynamodb.region",
                        "eu-west-1")))) {
            assertThat(store.describe()).doesNotContain("hunter2").contains("user:****@127.0.0.1:1");
        }
    }

    @Test
    void aStoreAroundTheCallersClientLeavesItOpen() {
        DynamoDbAuditStore store = DynamoDbAuditStore.builder(server.client()).build();

        store.close();

        assertThat(server.client().listTables().tableNames()).isNotNull();
    }
}
