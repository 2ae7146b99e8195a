package io.tidemark.spring.boot.autoconfigure;

import static io.tidemark.spring.boot.autoconfigure.MongoBoot.BASIC;
import static io.tidemark.spring.boot.autoconfigure.MongoBoot.freshDatabase;
import static io.tidemark.spring.boot.autoconfigure.MongoBoot.runner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.error.ChangeFailedException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.operator.OperatorApi;
import io.tidemark.spi.Lease;
import io.tidemark.spring.boot.autoconfigure.MongoBoot.MongoClientBean;
import io.tidemark.spring.boot.autoconfigure.actuate.TidemarkEndpoint;
import io.tidemark.spring.boot.autoconfigure.actuate.TidemarkHealthIndicator;
import io.tidemark.spring.boot.autoconfigure.actuate.TidemarkReport;
import io.tidemark.spring.boot.autoconfigure.fixtures.slow.Gate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code tidemark} endpoint and health indicator, each up and down. */
class TidemarkActuatorTest {

    private static final String DEFERRED = "tidemark.run-mode=deferred";
    private static final String EXPOSED = "management.endpoints.web.exposure.include=health,tidemark";

    @Test
    void theEndpointReportsTheChainAndTheHealthIsUpOnceTheChangesRan() {
        String database = freshDatabase();
        runner().withPropertyValues(EXPOSED)
                .withUserConfiguration(MongoClientBean.class)
                .withPropertyValues(
                        BASIC, "tidemark.mongodb.database=" + database, "tidemark.run-mode=initializing-bean")
                .run(context -> {
                    TidemarkReport report =
                            context.getBean(TidemarkEndpoint.class).report();
                    assertThat(report.chain()).isEqualTo("default");
                    assertThat(report.store()).contains("database '" + database + "'");
                    assertThat(report.upToDate()).isTrue();
                    assertThat(report.applied()).isEqualTo(2);
                    assertThat(report.tipSeq()).isPositive();
                    assertThat(report.tipHash()).hasSize(64);
                    assertThat(report.pending()).isEmpty();
                    assertThat(report.issues()).isEmpty();
                    assertThat(report.lock()).as("the run released the lock").isNull();

                    Health health =
                            context.getBean(TidemarkHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("issues", 0).containsEntry("pending", 0);
                });
    }

    @Test
    void pendingChangesAreListedAndLeaveTheHealthUp() {
        runner().withPropertyValues(EXPOSED)
                .withUserConfiguration(MongoClientBean.class)
                .withPropertyValues(BASIC, "tidemark.mongodb.database=" + freshDatabase(), DEFERRED)
                .run(context -> {
                    TidemarkReport report =
                            context.getBean(TidemarkEndpoint.class).report();
                    assertThat(report.upToDate()).isFalse();
                    assertThat(report.pending())
                            .extracting(TidemarkReport.PendingChange::changeId)
                            .containsExactly("create-greetings", "add-farewells");
                    assertThat(report.pending())
                            .extracting(TidemarkReport.PendingChange::action)
                            .containsOnly("RUN");
                    assertThat(context.getBean(TidemarkHealthIndicator.class)
                                    .health()
                                    .getStatus())
                            .isEqualTo(Status.UP);
                });
    }

    @Test
    void aPendingIssueIsListedWithItsCommandsAndTurnsTheHealthDown() {
        runner().withPropertyValues(EXPOSED)
                .withUserConfiguration(MongoClientBean.class)
                .withPropertyValues(
                        "tidemark.scan-packages=io.tidemark.spring.boot.autoconfigure.fixtures.failing",
                        "tidemark.mongodb.database=" + freshDatabase(),
                        DEFERRED)
                .run(context -> {
                    assertThatThrownBy(() -> context.getBean(Tidemark.class).run())
                            .isInstanceOf(ChangeFailedException.class);

                    TidemarkReport report =
                            context.getBean(TidemarkEndpoint.class).report();
                    assertThat(report.issues()).singleElement().satisfies(issue -> {
                        assertThat(issue.changeId()).isEqualTo("broken-change");
                        assertThat(issue.state()).isEqualTo("FAILED");
                        assertThat(issue.resolveApplied())
                                .isEqualTo("tidemark mark-applied broken-change --reason \"...\"");
                        assertThat(issue.resolveRolledBack())
                                .isEqualTo("tidemark mark-rolled-back broken-change --reason \"...\"");
                        assertThat(issue.description()).contains("the orders collection is locked by a backup");
                    });

                    Health health =
                            context.getBean(TidemarkHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails()).containsEntry("issues", 1).containsKey("resolve");
                });
    }

    @Test
    void anUnreachableStoreTurnsTheHealthDownAndNoSecretShows() {
        String uri = "mongodb://tidemark:s3cr3t-pw@127.0.0.1:" + closedPort() + "/app?serverSelectionTimeoutMS=300";
        runner().withPropertyValues(EXPOSED, BASIC, "tidemark.store=mongodb", "tidemark.mongodb.uri=" + uri, DEFERRED)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Health health =
                            context.getBean(TidemarkHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails().get("error"))
                            .asString()
                            .contains("127.0.0.1")
                            .doesNotContain("s3cr3t-pw");
                    assertThat(health.toString()).doesNotContain("s3cr3t-pw");
                    assertThatThrownBy(() ->
                                    context.getBean(TidemarkEndpoint.class).report())
                            .isInstanceOf(StoreUnavailableException.class)
                            .message()
                            .doesNotContain("s3cr3t-pw");
                    assertThat(context.getBean(Tidemark.class).store().describe())
                            .doesNotContain("s3cr3t-pw");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class GateBean {
        @Bean
        Gate gate() {
            return new Gate();
        }
    }

    @Test
    void aChangeBeingAppliedUnderALiveLeaseIsNoIssueAndLeavesTheHealthUp() {
        runner().withPropertyValues(EXPOSED)
                .withUserConfiguration(MongoClientBean.class, GateBean.class)
                .withPropertyValues(
                        "tidemark.scan-packages=io.tidemark.spring.boot.autoconfigure.fixtures.slow",
                        "tidemark.mongodb.database=" + freshDatabase(),
                        DEFERRED)
                .run(context -> {
                    Gate gate = context.getBean(Gate.class);
                    CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(
                            () -> context.getBean(Tidemark.class).run());
                    try {
                        assertThat(gate.awaitEntered()).as("the change started").isTrue();

                        Health health =
                                context.getBean(TidemarkHealthIndicator.class).health();
                        assertThat(health.getStatus())
                                .as("a change that is running is no issue: %s", health)
                                .isEqualTo(Status.UP);
                        assertThat(health.getDetails())
                                .containsEntry("issues", 0)
                                .containsEntry("running", List.of("slow-change"))
                                .doesNotContainKey("resolve");
                        TidemarkReport report =
                                context.getBean(TidemarkEndpoint.class).report();
                        assertThat(report.issues())
                                .as("the endpoint counts as the health does")
                                .isEmpty();
                        assertThat(report.running()).singleElement().satisfies(running -> {
                            assertThat(running.changeId()).isEqualTo("slow-change");
                            assertThat(report.lock().owner()).startsWith(running.instanceId() + "/");
                        });
                    } finally {
                        gate.release();
                    }
                    assertThat(run.get(60, TimeUnit.SECONDS).applied()).hasSize(1);
                    assertThat(context.getBean(TidemarkHealthIndicator.class)
                                    .health()
                                    .getStatus())
                            .isEqualTo(Status.UP);
                });
    }

    @Test
    void aChangeLeftStartedByAnInstanceThatNoLongerHoldsTheLockIsAnIssue() {
        runner().withPropertyValues(EXPOSED)
                .withUserConfiguration(MongoClientBean.class, GateBean.class)
                .withPropertyValues(
                        "tidemark.scan-packages=io.tidemark.spring.boot.autoconfigure.fixtures.slow",
                        "tidemark.mongodb.database=" + freshDatabase(),
                        DEFERRED)
                .run(context -> {
                    Gate gate = context.getBean(Gate.class);
                    Tidemark tidemark = context.getBean(Tidemark.class);
                    CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(tidemark::run);
                    try {
                        assertThat(gate.awaitEntered()).as("the change started").isTrue();
                        try (OperatorApi operator = tidemark.operator()) {
                            Lease holder = operator.lockHolder().orElseThrow();
                            assertThat(operator.releaseLock(holder))
                                    .as("the lock is broken, as for an instance that died")
                                    .isTrue();
                        }

                        Health health =
                                context.getBean(TidemarkHealthIndicator.class).health();
                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(health.getDetails())
                                .containsEntry("issues", 1)
                                .containsKey("resolve")
                                .doesNotContainKey("running");
                        TidemarkReport report =
                                context.getBean(TidemarkEndpoint.class).report();
                        assertThat(report.running()).isEmpty();
                        assertThat(report.issues())
                                .extracting(TidemarkReport.Issue::changeId, TidemarkReport.Issue::state)
                                .containsExactly(tuple("slow-change", "STARTED"));
                    } finally {
                        gate.release();
                    }
                    run.handle((report, failure) -> null).get(60, TimeUnit.SECONDS);
                });
    }

    @Test
    void theEndpointCanBeSwitchedOffAndTheHealthIndicatorToo() {
        runner().withPropertyValues(EXPOSED)
                .withUserConfiguration(MongoClientBean.class)
                .withPropertyValues(
                        BASIC,
                        "tidemark.mongodb.database=" + freshDatabase(),
                        DEFERRED,
                        "management.endpoint.tidemark.access=NONE",
                        "management.health.tidemark.enabled=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(Tidemark.class)
                        .doesNotHaveBean(TidemarkEndpoint.class)
                        .doesNotHaveBean(TidemarkHealthIndicator.class));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
