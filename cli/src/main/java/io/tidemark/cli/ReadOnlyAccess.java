package io.tidemark.cli;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.spi.AuditStoreProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the commands that must create nothing ({@code status}, {@code history}, {@code issues},
 * {@code verify}, {@code export}, {@code doctor}, {@code lock}, the source of {@code migrate}) from
 * creating tables or collections.
 *
 * <p>Adapters create a missing table on a read when auto-create is on (so that an idle application
 * start needs no set-up request). For these commands the command line therefore turns every adapter's
 * {@code tidemark.<store>.auto-create} off, through the environment it gives the store (which outranks
 * real environment variables), and asks the store to verify what it
 * needs before the command reads: {@code AuditStore.initialize()} with auto-create off checks and names
 * everything missing, creating nothing. A {@code true} set where the command line cannot outrank it (the
 * {@code --config} file, a {@code -D} system property) is refused with a message saying so, rather than
 * obeyed.
 */
final class ReadOnlyAccess {

    /**
     * The auto-create key of each adapter on the class path, as its provider declares it (so that the
     * command line never sets a key that no adapter present reads, which it would then refuse).
     */
    static final List<String> AUTO_CREATE_KEYS = autoCreateKeys();

    private ReadOnlyAccess() {}

    private static List<String> autoCreateKeys() {
        Set<String> keys = new TreeSet<>();
        ServiceLoader.load(AuditStoreProvider.class, ReadOnlyAccess.class.getClassLoader())
                .forEach(provider -> provider.keys().stream()
                        .filter(key -> key.endsWith(".auto-create"))
                        .forEach(keys::add));
        return List.copyOf(keys);
    }

    /** {@code environment} with every adapter's auto-create turned off. */
    static Map<String, String> environment(Map<String, String> environment) {
        Map<String, String> guarded = new HashMap<>(environment);
        AUTO_CREATE_KEYS.forEach(key -> guarded.put(ConfigSource.environmentName(key), "false"));
        return guarded;
    }

    /**
     * Refuses to go on when the configuration still turns auto-create on for the chosen store after
     * {@link #environment}: the {@code --config} file or a system property sets it, and both outrank
     * the environment.
     *
     * @param command what must not create, for the message: "tidemark status", "the source of tidemark migrate"
     */
    static void refuseForcedAutoCreate(
            String command, String store, Path configFile, String chain, Map<String, String> guardedEnvironment) {
        TidemarkConfig config = Session.configuration(store, configFile, chain, guardedEnvironment);
        Optional<String> storeName = config.get("tidemark.store");
        for (String key : AUTO_CREATE_KEYS) {
            boolean chosen = storeName
                    .map(name -> key.equals("tidemark." + name + ".auto-create"))
                    .orElse(true);
            if (chosen && config.getBoolean(key).orElse(false)) {
                String property = System.getProperty(key);
                String where = property != null && !property.isBlank()
                        ? "system property -D" + key
                        : "config file " + configFile;
                throw new ConfigurationException(key + "=true is set in " + where + ", but " + command + " must not "
                        + "create tables or collections, and that setting outranks the command line's own (auto-create "
                        + "off where it only reads). Remove it there (on is the default for the application anyway) or "
                        + "set it to false, and run the command again.");
            }
        }
    }

    /**
     * Has the store verify, creating nothing, that its tables, collections and indexes are there.
     *
     * @param command what must not create, for the message: "tidemark status", "the source of tidemark migrate"
     * @throws StoreNotReadyException naming what is missing and how to fix it, with {@code exitCode}
     */
    static void requireReady(Session session, String command, int exitCode) {
        try {
            session.store().initialize();
        } catch (ConfigurationException notReady) {
            throw new StoreNotReadyException(
                    session.store().describe() + " is not ready, and " + command
                            + " creates nothing (the command line turns auto-create off where it only reads): "
                            + notReady.getMessage() + System.lineSeparator()
                            + "If these names are right, the application's first run creates what is missing (auto-create "
                            + "is on by default), and so do `tidemark import` and `tidemark migrate` into this store; if "
                            + "they are wrong, correct them in the --config file (or the -D option or TIDEMARK_* variable "
                            + "that sets them).",
                    exitCode,
                    notReady);
        }
    }
}
