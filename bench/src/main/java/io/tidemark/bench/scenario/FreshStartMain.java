package io.tidemark.bench.scenario;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.RunReport;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.TidemarkException;
import io.tidemark.spi.AuditStore;
import io.tidemark.spi.AuditStoreProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One application start in a fresh JVM, as {@link FreshJvmIdleStart} launches it: creates the store
 * from configuration and opens its connection (not measured: an application pays that with or without
 * Tidemark) and opens the change units' class path entry (not measured either: an application's jar
 * is open before its code runs, and opening a jar reads its whole directory: 5 to 7 ms for a jar of
 * 10,000 classes in a fresh JVM here, under 1 ms for 100, with or without Tidemark), then measures
 * {@code Tidemark.builder()...scanPackage(...).build()} and {@code run()} over the change units in a
 * directory or a jar, loaded by a class loader of their own that counts the classes it loads. Then, on the same connection, now warm, it times the store's read of the chain's tip
 * ({@code history().tip(chain)}, the one read an idle {@code run()} sends) {@value #TIP_READS} times and
 * keeps the median: the store's own time for that read, without the client's first-call costs (class
 * loading, codecs, JIT), which on a server without a query planner (mongo-java-server sorts the whole
 * chain to answer it) is the part of {@code run()} that grows with the history and is not Tidemark's.
 * Prints one line, {@code build-nanos run-nanos classes-loaded tip-read-nanos}, and exits 0; exits 2
 * when the run had something to do.
 *
 * <p>Arguments: store name, chain, package, change-unit directory or jar. The store's configuration
 * comes on standard input, in {@link Properties} format, rather than as arguments, which any user of
 * the machine can read in its process list (a connection string can hold a password).
 */
public final class FreshStartMain {

    /** How many warm reads of the tip are timed after {@code run()}; the median is printed. */
    static final int TIP_READS = 5;

    private FreshStartMain() {}

    /**
     * One start; see the class description.
     *
     * @param args store name, chain, package, change-unit directory or jar
     * @throws IOException when the configuration cannot be read from standard input, or the directory or jar cannot
     *     be a class path entry
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> values = configuration(System.in);
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.of("bench", values));
        AuditStoreProvider provider = ServiceLoader.load(AuditStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(args[0]))
                .findFirst()
                .orElseThrow();
        AtomicInteger loaded = new AtomicInteger();
        URLClassLoader changeUnits =
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
            // The class path entry is opened before the clock starts, as an application's jar is open
            // before its code runs: opening a jar reads its whole directory, a JVM cost paid with or
            // without Tidemark (in a directory this is one file lookup).
            changeUnits.findResource("META-INF/MANIFEST.MF");
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
            long tipRead = warmTipRead(store, args[1]);
            System.out.println((built - start) + " " + (ran - built) + " " + loaded.get() + " " + tipRead);
            System.out.flush();
            if (!report.nothingToDo()) {
                System.err.println("Expected nothing to do: " + report.summary());
                System.exit(2);
            }
        }
        // SDK clients leave non-daemon threads behind.
        System.exit(0);
    }

    /**
     * The median time of {@value #TIP_READS} reads of {@code chain}'s tip, after {@code run()} has read
     * it once on the same connection: the store's share of an idle start's one read.
     */
    private static long warmTipRead(AuditStore store, String chain) {
        long[] nanos = new long[TIP_READS];
        for (int i = 0; i < TIP_READS; i++) {
            long start = System.nanoTime();
            if (store.history().tip(chain).isEmpty()) {
                throw new IllegalStateException("The chain " + chain + " has no tip after an idle run");
            }
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[TIP_READS / 2];
    }

    /**
     * The store's configuration, read to the end of {@code in} in {@link Properties} format.
     *
     * @param in what the launching JVM wrote
     * @return the configuration keys and values
     * @throws IOException when {@code in} cannot be read
     */
    public static Map<String, String> configuration(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }
}
