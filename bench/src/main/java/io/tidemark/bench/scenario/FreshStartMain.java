package io.tidemark.bench.scenario;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.AuditStoreProvider;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One application start in a fresh JVM, as {@link FreshJvmIdleStart} launches it: creates the store
 * from configuration and opens its connection (not measured: an application pays that with or without
 * Tidemark), then measures {@code Tidemark.builder()...scanPackage(...).build()} and {@code run()}
 * over the change units in a directory or a jar, loaded by a class loader of their own that counts the classes
 * it loads. Prints one line, {@code build-nanos run-nanos classes-loaded}, and exits 0; exits 2 when
 * the run had something to do.
 *
 * <p>Arguments: store name, chain, package, change-unit directory or jar, then {@code key=value} configuration.
 */
public final class FreshStartMain {

    private FreshStartMain() {}

    /**
     * One start; see the class description.
     *
     * @param args store name, chain, package, change-unit directory or jar, then {@code key=value} configuration
     * @throws MalformedURLException when the directory or jar cannot be a class path entry
     */
    public static void main(String[] args) throws MalformedURLException {
        Map<String, String> values = new HashMap<>();
        for (int i = 4; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            values.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.of("bench", values));
        AuditStoreProvider provider = ServiceLoader.load(AuditStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(args[0]))
                .findFirst()
                .orElseThrow();
        AtomicInteger loaded = new AtomicInteger();
        ClassLoader changeUnits =
                new URLClassLoader(
                        new URL[] {Path.of(args[3]).toUri().toURL()}, FreshStartMain.class.getClassLoader()) {
                    @Override
                    protected Class<?> findClass(String name) throws ClassNotFoundException {
                        Class<?> found = super.findClass(name);
                        loaded.incrementAndGet();
                        return found;
                    }
                };
        try (AuditStore store = provider.create(config, Clock.systemUTC())) {
            try {
                store.lockService().inspect("bench-connect");
            } catch (TidemarkException answered) {
                // The connection is open, which is all the request was for.
            }
            long start = System.nanoTime();
            Tidemark tidemark = Tidemark.builder()
                    .auditStore(store)
                    .configuration(config)
                    .chain(args[1])
                    .classLoader(changeUnits)
                    .scanPackage(args[2])
                    .instanceId("bench-fresh")
                    .build();
            long built = System.nanoTime();
            RunReport report = tidemark.run();
            long ran = System.nanoTime();
            System.out.println((built - start) + " " + (ran - built) + " " + loaded.get());
            System.out.flush();
            if (!report.nothingToDo()) {
                System.err.println("Expected nothing to do: " + report.summary());
                System.exit(2);
            }
        }
        // SDK clients leave non-daemon threads behind.
        System.exit(0);
    }
}
