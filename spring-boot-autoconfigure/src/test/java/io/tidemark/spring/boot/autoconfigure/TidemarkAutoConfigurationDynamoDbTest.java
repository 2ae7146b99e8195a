package io.tidemark.spring.boot.autoconfigure;

import static io.tidemark.spring.boot.autoconfigure.MongoBoot.BASIC;
import static io.tidemark.spring.boot.autoconfigure.MongoBoot.runner;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.adapter.dynamodb.testing.DynaliteServer;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.Tidemark;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spring.boot.autoconfigure.MongoBoot.MongoClientBean;
import io.tidemark.spring.boot.autoconfigure.actuate.TidemarkHealthIndicator;
import io.tidemark.spring.boot.autoconfigure.fixtures.ChangeJournal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The auto-configuration on dynalite: from properties, from the application's DynamoDbClient, and switched off. */
class TidemarkAutoConfigurationDynamoDbTest {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    /** Every request a DynamoDB client sends, by operation. */
    static final class RequestCounter implements ExecutionInterceptor {
        final List<String> operations = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DynamoDbClientBean {
        @Bean
        RequestCounter requestCounter() {
            return new RequestCounter();
        }

        @Bean(destroyMethod = "close")
        DynamoDbClient dynamoDbClient(RequestCounter counter) {
            return DynaliteServer.shared().clients().create(overrides -> overrides.addExecutionInterceptor(counter));
        }
    }

    private static String prefix() {
        return "tidemark.dynamodb.table-prefix=boot" + PREFIXES.incrementAndGet() + "_";
    }

    @Test
    void changeUnitsRunOnAStoreBuiltFromTheProperties() {
        DynaliteServer dynalite = DynaliteServer.shared();
        runner().withPropertyValues(
                        BASIC,
                        prefix(),
                        "tidemark.store=dynamodb",
                        "tidemark.dynamodb.endpoint=" + dynalite.endpoint(),
                        "tidemark.dynamodb.region=" + DynaliteServer.REGION,
                        "tidemark.run-mode=initializing-bean")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ChangeJournal.class).entries())
                            .containsExactly("create-greetings:bonjour", "add-farewells:hello");
                    assertThat(context.getBean(Tidemark.class).plan().upToDate())
                            .isTrue();
                });
    }

    @Test
    void theApplicationsDynamoDbClientIsReused() {
        runner().withUserConfiguration(DynamoDbClientBean.class)
                .withPropertyValues(BASIC, prefix(), "tidemark.run-mode=deferred")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    List<ChangeResult> applied =
                            context.getBean(Tidemark.class).run().applied();
                    assertThat(applied)
                            .extracting(ChangeResult::changeId)
                            .containsExactly("create-greetings", "add-farewells");
                    assertThat(context.getBean(RequestCounter.class).operations).contains("PutItem", "Query");
                });
    }

    @Test
    void disabledCreatesNoBeanAndSendsNoRequest() {
        runner().withUserConfiguration(DynamoDbClientBean.class)
                .withPropertyValues(BASIC, prefix(), "tidemark.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(Tidemark.class);
                    assertThat(context.getBean(RequestCounter.class).operations).isEmpty();
                });
    }

    @Test
    void withTwoClientBeansTidemarkStoreChoosesAndTheOtherClientIsLeftAlone() {
        runner().withUserConfiguration(DynamoDbClientBean.class, MongoClientBean.class)
                .withPropertyValues(BASIC, prefix())
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(TidemarkAutoConfigurationMongoTest.findCause(
                                    context.getStartupFailure(), ConfigurationException.class))
                            .hasMessageContaining("Several client beans could hold Tidemark's audit log "
                                    + "(software.amazon.awssdk.services.dynamodb.DynamoDbClient for dynamodb, "
                                    + "com.mongodb.client.MongoClient for mongodb)")
                            .hasMessageContaining("choose the store with tidemark.store");
                });
        runner().withUserConfiguration(DynamoDbClientBean.class, MongoClientBean.class)
                .withPropertyValues(BASIC, prefix(), "tidemark.store=dynamodb", "tidemark.run-mode=initializing-bean")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ChangeJournal.class).entries()).hasSize(2);
                    assertThat(context.getBean(RequestCounter.class).operations).contains("PutItem");
                    assertThat(context.getBean(MongoCommandCounter.class).count())
                            .isZero();
                });
    }

    @Test
    void aMissingTableTurnsTheHealthDownAsAStoreProblemNotAsInvalidChangeUnits() {
        runner().withUserConfiguration(DynamoDbClientBean.class)
                .withPropertyValues(
                        BASIC, prefix(), "tidemark.run-mode=deferred", "tidemark.dynamodb.auto-create=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Health health =
                            context.getBean(TidemarkHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails().get("error"))
                            .asString()
                            .startsWith("The audit store could not be read: ")
                            .contains("does not exist")
                            .doesNotContain("change units are invalid");
                });
    }
}
