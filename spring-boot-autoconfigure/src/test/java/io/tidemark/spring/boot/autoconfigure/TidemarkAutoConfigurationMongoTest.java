package io.tidemark.spring.boot.autoconfigure;

import static io.tidemark.spring.boot.autoconfigure.MongoBoot.BASIC;
import static io.tidemark.spring.boot.autoconfigure.MongoBoot.auditRecords;
import static io.tidemark.spring.boot.autoconfigure.MongoBoot.freshDatabase;
import static io.tidemark.spring.boot.autoconfigure.MongoBoot.runner;
import static io.tidemark.spring.boot.autoconfigure.MongoBoot.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidemark.core.PlannedChange;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.IssuesPendingException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.spi.AuditStore;
import io.tidemark.spring.boot.autoconfigure.MongoBoot.MongoClientBean;
import io.tidemark.spring.boot.autoconfigure.actuate.TidemarkEndpoint;
import io.tidemark.spring.boot.autoconfigure.actuate.TidemarkHealthIndicator;
import io.tidemark.spring.boot.autoconfigure.fixtures.ChangeJournal;
import io.tidemark.spring.boot.autoconfigure.fixtures.basic.BasicApplication;
import io.tidemark.spring.boot.autoconfigure.fixtures.declared.DeclaredAsBean;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The auto-configuration in real application contexts on mongo-java-server. */
class TidemarkAutoConfigurationMongoTest {

    private static String database(String name) {
        return "tidemark.mongodb.database=" + name;
    }

    @Test
    void changeUnitsRunAtStartupWithBeansFromTheContextThroughTheApplicationsMongoClient() {
        String database = freshDatabase();
        try (ConfigurableApplicationContext context =
                start(List.of(MongoClientBean.class), BASIC, database(database))) {
            assertThat(context.getBean(ChangeJournal.class).entries())
                    .containsExactly("create-greetings:bonjour", "add-farewells:hello");
            assertThat(auditRecords(database)).contains("create-greetings:APPLIED", "add-farewells:APPLIED");
            assertThat(context.getBean(MongoCommandCounter.class).commands())
                    .as("the application's client was used")
                    .contains("insert");
            assertThat(context.getBean(Tidemark.class).store().describe()).contains("'" + database + "'");
        }
    }

    @Test
    void theStoreIsBuiltFromThePropertiesWhenNoClientBeanExists() {
        String database = freshDatabase();
        try (ConfigurableApplicationContext context = start(
                List.of(),
                BASIC,
                "tidemark.store=mongodb",
                "tidemark.mongodb.uri=" + MongoBoot.SERVER.connectionString(),
                database(database))) {
            assertThat(auditRecords(database)).contains("create-greetings:APPLIED", "add-farewells:APPLIED");
        }
    }

    @Test
    void theConnectionKeysWinOverAClientBean() {
        String database = freshDatabase();
        try (ConfigurableApplicationContext context = start(
                List.of(MongoClientBean.class),
                BASIC,
                "tidemark.mongodb.uri=" + MongoBoot.SERVER.connectionString(),
                database(database),
                "tidemark.store=mongodb")) {
            assertThat(auditRecords(database)).contains("add-farewells:APPLIED");
            assertThat(context.getBean(MongoCommandCounter.class).count()).isZero();
        }
    }

    @Test
    void aSecondStartAppliesNothing() {
        String database = freshDatabase();
        start(List.of(MongoClientBean.class), BASIC, database(database)).close();
        try (ConfigurableApplicationContext context =
                start(List.of(MongoClientBean.class), BASIC, database(database))) {
            assertThat(context.getBean(ChangeJournal.class).entries()).isEmpty();
            assertThat(auditRecords(database))
                    .filteredOn(r -> r.endsWith(":APPLIED"))
                    .hasSize(2);
        }
    }

    /** Records what the journal held when it was created and when the application's own runner ran. */
    static final class Witness implements ApplicationRunner {
        final List<String> atCreation;
        List<String> atRunner;
        private final ChangeJournal journal;

        Witness(ChangeJournal journal) {
            this.journal = journal;
            this.atCreation = journal.entries();
        }

        @Override
        public void run(ApplicationArguments args) {
            atRunner = journal.entries();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WitnessBean {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 1)
        Witness witness(ChangeJournal journal) {
            return new Witness(journal);
        }
    }

    @Test
    void applicationRunnerModeRunsOnceTheContextIsReadyBeforeTheApplicationsOwnRunners() {
        try (ConfigurableApplicationContext context = start(
                List.of(MongoClientBean.class, WitnessBean.class),
                BASIC,
                database(freshDatabase()),
                "tidemark.run-mode=application-runner")) {
            Witness witness = context.getBean(Witness.class);
            assertThat(witness.atCreation)
                    .as("beans are created before the run")
                    .isEmpty();
            assertThat(witness.atRunner).containsExactly("create-greetings:bonjour", "add-farewells:hello");
        }
    }

    @Test
    void applicationRunnerModeRunsNothingWhileTheContextIsRefreshed() {
        runner().withUserConfiguration(MongoClientBean.class)
                .withPropertyValues(BASIC, database(freshDatabase()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ChangeJournal.class).entries()).isEmpty();
                    assertThat(context.getBean(Tidemark.class).plan().toRun()).hasSize(2);
                });
    }

    /** Takes the Tidemark bean, so that in initializing-bean mode it is created after the run. */
    record DependsOnChanges(List<String> seen) {}

    @Configuration(proxyBeanMethods = false)
    static class DependsOnChangesBean {
        @Bean
        DependsOnChanges dependsOnChanges(Tidemark tidemark, ChangeJournal journal) {
            return new DependsOnChanges(journal.entries());
        }
    }

    @Test
    void initializingBeanModeRunsBeforeBeansThatDependOnTheChangesAreCreated() {
        runner().withUserConfiguration(MongoClientBean.class, DependsOnChangesBean.class)
                .withPropertyValues(BASIC, database(freshDatabase()), "tidemark.run-mode=initializing-bean")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DependsOnChanges.class).seen())
                            .containsExactly("create-greetings:bonjour", "add-farewells:hello");
                });
    }

    @Test
    void deferredModeRunsNothingUntilTheApplicationCallsRun() {
        String database = freshDatabase();
        try (ConfigurableApplicationContext context =
                start(List.of(MongoClientBean.class), BASIC, database(database), "tidemark.run-mode=DEFERRED")) {
            assertThat(context.getBean(ChangeJournal.class).entries()).isEmpty();
            assertThat(auditRecords(database)).isEmpty();

            RunReport report = context.getBean(Tidemark.class).run();

            assertThat(report.applied()).hasSize(2);
            assertThat(context.getBean(ChangeJournal.class).entries()).hasSize(2);
        }
    }

    @Test
    void aConnectTimeoutThatCannotApplyToTheClientBeanFailsStartupSayingWhereToSetIt() {
        String database = freshDatabase();
        runner().withUserConfiguration(MongoClientBean.class)
                .withPropertyValues(BASIC, database(database), "tidemark.mongodb.connect-timeout=2s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(ConfigurationException.class)
                            .hasMessage("tidemark.mongodb.connect-timeout is set, but Tidemark uses the application's "
                                    + "com.mongodb.client.MongoClient bean, whose own settings apply: it has no effect "
                                    + "there. Set it on that bean (with Spring Boot's client, spring.mongodb.uri's "
                                    + "connectTimeoutMS or a MongoClientSettingsBuilderCustomizer), remove it, or set "
                                    + "tidemark.mongodb.uri to have Tidemark connect with a client of its own.");
                });
    }

    @Test
    void anUnknownRunModeFailsStartupNamingTheModes() {
        runner().withUserConfiguration(MongoClientBean.class)
                .withPropertyValues(BASIC, database(freshDatabase()), "tidemark.run-mode=later")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(ConfigurationException.class)
                            .hasMessageContaining("tidemark.run-mode = 'later'")
                            .hasMessageContaining("application-runner, initializing-bean, deferred");
                });
    }

    @Test
    void disabledCreatesNoBeanAndSendsNoRequestToTheStore() {
        runner().withUserConfiguration(MongoClientBean.class)
                .withPropertyValues(BASIC, database(freshDatabase()), "tidemark.enabled=false")
                .run(context -> {
                    assertThat(context)
                            .hasNotFailed()
                            .doesNotHaveBean(Tidemark.class)
                            .doesNotHaveBean(TidemarkEndpoint.class)
                            .doesNotHaveBean(TidemarkHealthIndicator.class);
                    assertThat(context.getBean(ChangeJournal.class).entries()).isEmpty();
                    assertThat(context.getBean(MongoCommandCounter.class).commands())
                            .isEmpty();
                });
    }

    /** A test slice imports the auto-configurations it names, and Tidemark's is none of them. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ConfigurationPropertiesAutoConfiguration.class)
    static class SliceConfiguration {}

    @Test
    void aSliceContextStartsWithoutAStoreAndWithoutTidemark() {
        new org.springframework.boot.test.context.runner.ApplicationContextRunner()
                .withUserConfiguration(SliceConfiguration.class, MongoClientBean.class)
                .withPropertyValues(BASIC)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(Tidemark.class);
                    assertThat(context.getBean(MongoCommandCounter.class).count())
                            .isZero();
                });
    }

    @Test
    void aFailingChangeUnitFailsStartupAndTheFailureAnalyzerSaysWhatToDo() {
        String database = freshDatabase();
        String[] properties = {
            "tidemark.scan-packages=io.tidemark.spring.boot.autoconfigure.fixtures.failing", database(database)
        };

        RuntimeException first =
                catchThrowableOfType(RuntimeException.class, () -> start(List.of(MongoClientBean.class), properties));
        FailureAnalysis failed = analyze(first);
        assertThat(failed.getDescription())
                .contains("broken-change")
                .contains("the orders collection is locked by a backup");
        assertThat(failed.getAction()).contains("Fix the change unit");
        assertThat(failed.getCause()).isInstanceOf(ChangeFailedException.class);

        RuntimeException second =
                catchThrowableOfType(RuntimeException.class, () -> start(List.of(MongoClientBean.class), properties));
        FailureAnalysis pending = analyze(second);
        assertThat(pending.getCause()).isInstanceOf(IssuesPendingException.class);
        assertThat(pending.getAction())
                .contains("tidemark mark-applied broken-change --reason")
                .contains("tidemark mark-rolled-back broken-change --reason");
        assertThat(auditRecords(database)).containsExactly("broken-change:STARTED", "broken-change:FAILED");
    }

    /** The analysis Spring Boot prints: the analyzers registered in spring.factories, as Boot loads them. */
    private static FailureAnalysis analyze(Throwable failure) {
        assertThat(failure).isNotNull();
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(
                        FailureAnalyzer.class,
                        null,
                        SpringFactoriesLoader.FailureHandler.handleMessage((message, error) -> {}));
        assertThat(analyzers).hasAtLeastOneElementOfType(TidemarkFailureAnalyzer.class);
        return analyzers.stream()
                .filter(TidemarkFailureAnalyzer.class::isInstance)
                .findFirst()
                .orElseThrow()
                .analyze(failure);
    }

    @Test
    void anUnknownKeyFailsStartupNamingTheNearestKnownKey() {
        runner().withUserConfiguration(MongoClientBean.class)
                .withPropertyValues(BASIC, database(freshDatabase()), "tidemark.lock.timout=5s")
                .run(context -> {
                    assertThat(context).hasFailed();
                    ConfigurationException error = (ConfigurationException)
                            findCause(context.getStartupFailure(), ConfigurationException.class);
                    assertThat(error.problems())
                            .singleElement()
                            .asString()
                            .contains("tidemark.lock.timout")
                            .contains("did you mean tidemark.lock.timeout?");
                });
    }

    @Test
    void keysAreBoundWithSpringsRelaxedRules() {
        runner().withUserConfiguration(MongoClientBean.class)
                .withPropertyValues(
                        BASIC,
                        database(freshDatabase()),
                        "tidemark.lock.leaseDuration=5s",
                        "tidemark.instanceId=boot-test-1",
                        "tidemark.scan-packages[1]=io.tidemark.spring.boot.autoconfigure" + ".fixtures.basic")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Tidemark.class).instanceId()).isEqualTo("boot-test-1");
                });
    }

    @Test
    void everyParameterNoBeanSatisfiesIsListedAtOnce() {
        runner().withUserConfiguration(MongoClientBean.class)
                .withPropertyValues(
                        "tidemark.scan-packages=io.tidemark.spring.boot.autoconfigure.fixtures.unsatisfied",
                        database(freshDatabase()))
                .run(context -> {
                    assertThat(context).hasFailed();
                    ConfigurationException error = (ConfigurationException)
                            findCause(context.getStartupFailure(), ConfigurationException.class);
                    assertThat(error.problems()).hasSize(2);
                    assertThat(error.problems().get(0))
                            .contains("<init> parameter 1 (java.util.concurrent.ExecutorService)")
                            .contains("no bean of type java.util.concurrent.ExecutorService");
                    assertThat(error.problems().get(1))
                            .contains("apply parameter 1")
                            .contains("2 beans of type io.tidemark.spring.boot.autoconfigure.fixtures.Greeter")
                            .contains("english, french")
                            .contains("@Qualifier");
                    FailureAnalysis analysis = new TidemarkFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("2 problems").contains("ExecutorService");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class DeclaredChangeUnit {
        @Bean
        DeclaredAsBean declaredAsBean() {
            return new DeclaredAsBean();
        }
    }

    @Test
    void changeUnitsDeclaredAsBeansRunBesideTheScannedOnes() {
        String database = freshDatabase();
        try (ConfigurableApplicationContext context =
                start(List.of(MongoClientBean.class, DeclaredChangeUnit.class), BASIC, database(database))) {
            assertThat(context.getBean(ChangeJournal.class).entries())
                    .containsExactly("create-greetings:bonjour", "add-farewells:hello", "declared-as-bean");
        }
    }

    @Test
    void withoutScanPackagesTheApplicationsOwnPackageIsScanned() {
        runner().withUserConfiguration(BasicApplication.class, MongoClientBean.class)
                .withPropertyValues(database(freshDatabase()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Tidemark.class).plan().toRun())
                            .extracting(PlannedChange::changeId)
                            .containsExactly("create-greetings", "add-farewells");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStore {
        @Bean
        AuditStore auditStore() {
            return new InMemoryAuditStore(Clock.systemUTC());
        }
    }

    @Test
    void anAuditStoreBeanWinsOverTheClientBean() {
        try (ConfigurableApplicationContext context = start(List.of(MongoClientBean.class, UserStore.class), BASIC)) {
            assertThat(context.getBean(Tidemark.class).store()).isSameAs(context.getBean(AuditStore.class));
            assertThat(context.getBean(ChangeJournal.class).entries()).hasSize(2);
            assertThat(context.getBean(MongoCommandCounter.class).count()).isZero();
        }
    }

    @Test
    void withSeveralAdaptersAndNoClientBeanTidemarkStoreMustChoose() {
        runner().withPropertyValues(BASIC).run(context -> {
            assertThat(context).hasFailed();
            assertThat(findCause(context.getStartupFailure(), ConfigurationException.class))
                    .hasMessageContaining(
                            "Several audit store adapters are on the class path (couchbase, dynamodb, " + "mongodb)")
                    .hasMessageContaining("tidemark.store=... in application.properties");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Test
    void theMicrometerListenerRecordsIntoTheMeterRegistryBean() {
        try (ConfigurableApplicationContext context =
                start(List.of(MongoClientBean.class, Meters.class), BASIC, database(freshDatabase()))) {
            Counter runs = context.getBean(MeterRegistry.class)
                    .find("tidemark.runs")
                    .tag("outcome", "applied")
                    .counter();
            assertThat(runs).isNotNull();
            assertThat(runs.count()).isEqualTo(1.0);
        }
    }

    static Throwable findCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        throw new AssertionError("No " + type.getName() + " in " + failure, failure);
    }
}
