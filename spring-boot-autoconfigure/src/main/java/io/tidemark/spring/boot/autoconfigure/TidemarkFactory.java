package io.tidemark.spring.boot.autoconfigure;

import io.tidemark.api.ChangeUnit;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.event.TidemarkListener;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Builds the {@code Tidemark} bean: configuration from the environment, the store (an
 * {@code AuditStore} bean, else a client bean, else the properties), the change units (scanned and
 * declared as beans), parameters from the context, listeners and customizers. Closes a store it built
 * around a client bean when the context closes (a store built from properties is the Tidemark's, and
 * closes with it).
 */
final class TidemarkFactory implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TidemarkFactory.class);

    private final ConfigurableListableBeanFactory beanFactory;
    private final ConfigurableEnvironment environment;
    private final ObjectProvider<AuditStore> auditStores;
    private final ObjectProvider<ClientStoreSource> clientStores;
    private final ObjectProvider<TidemarkListener> listeners;
    private final ObjectProvider<TidemarkBuilderCustomizer> customizers;
    private final List<AuditStore> built = new ArrayList<>();

    TidemarkFactory(
            ConfigurableListableBeanFactory beanFactory,
            ConfigurableEnvironment environment,
            ObjectProvider<AuditStore> auditStores,
            ObjectProvider<ClientStoreSource> clientStores,
            ObjectProvider<TidemarkListener> listeners,
            ObjectProvider<TidemarkBuilderCustomizer> customizers) {
        this.beanFactory = beanFactory;
        this.environment = environment;
        this.auditStores = auditStores;
        this.clientStores = clientStores;
        this.listeners = listeners;
        this.customizers = customizers;
    }

    /** The run mode {@code tidemark.run-mode} names (default {@link RunMode#APPLICATION_RUNNER}). */
    RunMode runMode() {
        return Binder.get(environment)
                .bind(BootKeys.RUN_MODE, String.class)
                .map(value -> {
                    try {
                        return RunMode.of(value);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigurationException("Invalid configuration " + BootKeys.RUN_MODE + " = '" + value
                                + "': " + e.getMessage() + " (application-runner is the default).");
                    }
                })
                .orElse(RunMode.APPLICATION_RUNNER);
    }

    /** A Tidemark built from the application context; nothing is written and no lock is taken. */
    Tidemark create() {
        ClassLoader loader =
                Optional.ofNullable(beanFactory.getBeanClassLoader()).orElseGet(ClassUtils::getDefaultClassLoader);
        TidemarkConfig config = SpringEnvironmentConfiguration.of(environment, loader);
        TidemarkBuilder builder = Tidemark.builder()
                .configuration(config)
                .classLoader(loader)
                .rejectUnknownKeys()
                .dependencyResolver(new SpringDependencyResolver(beanFactory));
        chooseStore(config).ifPresent(builder::auditStore);
        List<String> packages = scanPackages();
        if (!packages.isEmpty()) {
            builder.scanPackage(packages.toArray(String[]::new));
        }
        changeUnitBeans().forEach(builder::changeUnits);
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        try {
            return builder.build();
        } catch (RuntimeException e) {
            destroy();
            throw e;
        }
    }

    /**
     * The store the builder is given, or empty for the one the properties select: an {@code AuditStore}
     * bean wins; otherwise a client bean of an adapter that {@code tidemark.store} selects (or of the only
     * adapter with one), unless that adapter's connection keys are set.
     */
    private Optional<AuditStore> chooseStore(TidemarkConfig config) {
        AuditStore userStore = auditStores.getIfUnique();
        if (userStore != null) {
            log.info("Tidemark uses the application's AuditStore bean: {}", userStore.describe());
            return Optional.of(userStore);
        }
        if (auditStores.stream().findAny().isPresent()) {
            throw new ConfigurationException("Several AuditStore beans are defined ("
                    + auditStores.stream().map(AuditStore::describe).collect(Collectors.joining("; "))
                    + "): mark the one Tidemark should use "
                    + "@Primary.");
        }
        Optional<String> named = config.get(io.tidemark.core.Tidemark.Keys.STORE);
        List<ClientStoreSource> offered = clientStores
                .orderedStream()
                .filter(source -> named.map(name -> name.equalsIgnoreCase(source.storeName()))
                        .orElse(true))
                .filter(source -> source.offers(config))
                .sorted(java.util.Comparator.comparing(ClientStoreSource::storeName))
                .toList();
        if (offered.size() > 1) {
            throw new ConfigurationException("Several client beans could hold Tidemark's audit log ("
                    + offered.stream()
                            .map(source -> source.clientType() + " for " + source.storeName())
                            .collect(Collectors.joining(", "))
                    + "): choose the store with " + io.tidemark.core.Tidemark.Keys.STORE + " ("
                    + config.whereToSet(io.tidemark.core.Tidemark.Keys.STORE) + ").");
        }
        if (offered.isEmpty()) {
            return Optional.empty();
        }
        ClientStoreSource source = offered.get(0);
        source.ineffectiveSettings(config).ifPresent(problem -> {
            throw new ConfigurationException(problem);
        });
        AuditStore store = source.create(config, Clock.systemUTC());
        built.add(store);
        log.info("Tidemark uses the application's {} bean: {}", source.clientType(), store.describe());
        return Optional.of(store);
    }

    /** {@code tidemark.scan-packages}, else the application's package ({@code @SpringBootApplication}'s). */
    private List<String> scanPackages() {
        List<String> configured =
                Binder.get(environment)
                        .bind(BootKeys.SCAN_PACKAGES, Bindable.listOf(String.class))
                        .orElse(List.of())
                        .stream()
                        .map(String::trim)
                        .filter(name -> !name.isEmpty())
                        .toList();
        if (!configured.isEmpty()) {
            return configured;
        }
        return AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of();
    }

    /** The classes of beans annotated {@code @ChangeUnit}; Tidemark constructs its own instances of them. */
    private Set<Class<?>> changeUnitBeans() {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (String name : beanFactory.getBeanNamesForAnnotation(ChangeUnit.class)) {
            Class<?> type = beanFactory.getType(name, false);
            if (type != null) {
                types.add(ClassUtils.getUserClass(type));
            }
        }
        return types;
    }

    /** Closes the stores built around client beans; the clients stay open (they are the application's). */
    @Override
    public void destroy() {
        built.forEach(AuditStore::close);
        built.clear();
    }
}
