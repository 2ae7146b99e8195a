package io.tidemark.spring.boot.autoconfigure;

import com.couchbase.client.java.Cluster;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.tidemark.adapter.couchbase.CouchbaseAuditStore;
import io.tidemark.adapter.dynamodb.DynamoDbAuditStore;
import io.tidemark.adapter.mongodb.MongoAuditStore;
import io.tidemark.core.Tidemark;
import io.tidemark.core.event.TidemarkListener;
import io.tidemark.micrometer.MicrometerTidemarkListener;
import io.tidemark.spi.AuditStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Sets up Tidemark in a Spring Boot application: a {@link Tidemark} bean named {@code tidemark},
 * configured by the {@code tidemark.*} properties (the library's keys, plus {@code tidemark.enabled},
 * {@code tidemark.run-mode} and {@code tidemark.scan-packages}), run as {@code tidemark.run-mode} says.
 *
 * <ul>
 *   <li><b>Off switch</b>: {@code tidemark.enabled=false} creates no bean at all, so nothing contacts the
 *       store. Test slices ({@code @DataMongoTest}, {@code @WebMvcTest}) do not include this
 *       auto-configuration.</li>
 *   <li><b>Store</b>: an {@link AuditStore} bean wins; otherwise the store is built around the
 *       application's client bean ({@code MongoClient}, {@code DynamoDbClient}, Couchbase {@code Cluster})
 *       of the adapter that {@code tidemark.store} names, or of the only adapter with such a bean, unless
 *       that adapter's connection keys are set ({@code tidemark.mongodb.uri}, {@code tidemark.dynamodb.endpoint}
 *       or {@code region}, {@code tidemark.couchbase.connection-string}); otherwise the adapter builds it
 *       from the properties.</li>
 *   <li><b>Change units</b>: those in {@code tidemark.scan-packages}, else in the application's package
 *       (the one of {@code @SpringBootApplication}), and the classes of beans annotated
 *       {@code @ChangeUnit}. Tidemark constructs its own instances; their constructor and method parameters
 *       are resolved from the context, by type and qualifier.</li>
 *   <li><b>Unknown keys</b>: a {@code tidemark.*} key that no part of Tidemark reads fails startup, naming the
 *       nearest known key.</li>
 *   <li><b>Listeners</b>: every {@link TidemarkListener} bean; with {@code tidemark-micrometer} on the class
 *       path and a {@code MeterRegistry} bean, the Micrometer listener too. {@link TidemarkBuilderCustomizer}
 *       beans adjust the builder last.</li>
 * </ul>
 *
 * <p>A user-defined {@code Tidemark} bean turns all of this off.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
            "org.springframework.boot.couchbase.autoconfigure.CouchbaseAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
        })
@ConditionalOnClass(Tidemark.class)
@ConditionalOnBooleanProperty(name = BootKeys.ENABLED, matchIfMissing = true)
public final class TidemarkAutoConfiguration {

    /** Instantiated by Spring. */
    public TidemarkAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean(Tidemark.class)
    static TidemarkFactory tidemarkFactory(
            ConfigurableListableBeanFactory beanFactory,
            ConfigurableEnvironment environment,
            ObjectProvider<AuditStore> auditStores,
            ObjectProvider<ClientStoreSource> clientStores,
            ObjectProvider<TidemarkListener> listeners,
            ObjectProvider<TidemarkBuilderCustomizer> customizers) {
        return new TidemarkFactory(beanFactory, environment, auditStores, clientStores, listeners, customizers);
    }

    /**
     * The Tidemark: built (change units validated, nothing written) when the context starts, or with
     * {@code tidemark-processor}'s index known from the index and validated when a change must run; in
     * {@link RunMode#INITIALIZING_BEAN} mode it also runs before the bean is handed to anyone.
     *
     * @param factory what builds it
     * @return the Tidemark, closed with the context
     */
    @Bean
    @ConditionalOnMissingBean(Tidemark.class)
    Tidemark tidemark(TidemarkFactory factory) {
        RunMode mode = factory.runMode();
        Tidemark tidemark = factory.create();
        if (mode == RunMode.INITIALIZING_BEAN) {
            try {
                TidemarkRunner.run(tidemark);
            } catch (RuntimeException e) {
                tidemark.close();
                throw e;
            }
        }
        return tidemark;
    }

    /**
     * Runs the change units once the context is ready, in {@link RunMode#APPLICATION_RUNNER} mode (the
     * default); does nothing in the other modes.
     *
     * @param tidemark the Tidemark bean
     * @param factory  what tells the run mode
     * @return the runner
     */
    @Bean
    @ConditionalOnMissingBean(name = "tidemarkRunner")
    ApplicationRunner tidemarkRunner(Tidemark tidemark, TidemarkFactory factory) {
        return new TidemarkRunner(tidemark, factory.runMode() == RunMode.APPLICATION_RUNNER);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MongoAuditStore.class, MongoClient.class})
    static final class MongoClientStore {
        @Bean
        ClientStoreSource tidemarkMongoClientStore(
                ObjectProvider<MongoClient> clients, ConfigurableEnvironment environment) {
            return new MongoClientStoreSource(clients, environment);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({DynamoDbAuditStore.class, DynamoDbClient.class})
    static final class DynamoDbClientStore {
        @Bean
        ClientStoreSource tidemarkDynamoDbClientStore(ObjectProvider<DynamoDbClient> clients) {
            return new DynamoDbClientStoreSource(clients);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({CouchbaseAuditStore.class, Cluster.class})
    static final class CouchbaseClientStore {
        @Bean
        ClientStoreSource tidemarkCouchbaseClientStore(ObjectProvider<Cluster> clusters) {
            return new CouchbaseClientStoreSource(clusters);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MicrometerTidemarkListener.class, MeterRegistry.class, ObservationRegistry.class})
    static final class Metrics {
        @Bean
        TidemarkBuilderCustomizer tidemarkMicrometerListener(
                ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations) {
            return builder -> {
                MeterRegistry registry = meters.getIfUnique();
                if (registry != null) {
                    MicrometerTidemarkListener.Builder listener = MicrometerTidemarkListener.builder(registry);
                    ObservationRegistry observationRegistry = observations.getIfUnique();
                    if (observationRegistry != null) {
                        listener.observationRegistry(observationRegistry);
                    }
                    builder.listener(listener.build());
                }
            };
        }
    }
}
