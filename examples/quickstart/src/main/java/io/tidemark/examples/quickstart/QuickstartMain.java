package io.tidemark.examples.quickstart;

import io.tidemark.core.config.ConfigSource;
import io.tidemark.core.config.TidemarkConfig;
import io.tidemark.core.error.TidemarkException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the quickstart from the command line. Configuration, all optional, comes from system
 * properties, then environment variables, then {@code tidemark.properties}:
 *
 * <ul>
 *   <li>{@code quickstart.dynamodb}: {@code in-process} (default) starts DynamoDB Local inside
 *       this JVM, {@code server} starts it as an HTTP server on a free port, {@code memory} runs it
 *       in-process and keeps nothing;</li>
 *   <li>{@code quickstart.data-dir}: where DynamoDB Local keeps its data (the Maven profile uses
 *       {@code target/quickstart-dynamodb}, so a second invocation finds the first one's log);</li>
 *   <li>{@code tidemark.dynamodb.endpoint} (and {@code .region}): use that DynamoDB instead of
 *       starting DynamoDB Local;</li>
 *   <li>{@code tidemark.store} ({@code TIDEMARK_STORE}): the audit store is then created from
 *       configuration by the named adapter, not in code; the change units still work on DynamoDB.</li>
 * </ul>
 */
public final class QuickstartMain {

    private QuickstartMain() {
    }

    public static void main(String[] args) {
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(ConfigSource.systemProperties());
        sources.add(ConfigSource.environment());
        ConfigSource.classpathResource(QuickstartMain.class.getClassLoader(), TidemarkConfig.RESOURCE)
                .ifPresent(sources::add);
        int status = 0;
        try {
            QuickstartSettings settings = QuickstartSettings.from(TidemarkConfig.of(sources.toArray(ConfigSource[]::new)));
            new Quickstart(settings, sources, System.out).run();
        } catch (TidemarkException e) {
            System.err.println();
            System.err.println("Tidemark stopped: " + e.getMessage());
            status = 1;
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        // DynamoDB Local leaves a background thread behind that nothing stops; end the JVM explicitly.
        System.out.flush();
        System.exit(status);
    }
}
