package io.tidemark.spring.boot.autoconfigure;

import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * An adapter's way to build the audit store around a client the application already has as a bean
 * (a {@code MongoClient}, a {@code DynamoDbClient}, a Couchbase {@code Cluster}). One exists per adapter
 * on the class path; it offers a store only while such a bean exists and none of the adapter's
 * connection keys is set (setting them asks for a connection of Tidemark's own).
 */
interface ClientStoreSource {

    /** {@return the adapter's name, as {@code tidemark.store} names it} */
    String storeName();

    /** {@return the client bean's type, for messages} */
    String clientType();

    /** {@return the adapter's keys that ask for a connection of Tidemark's own, instead of the client bean} */
    List<String> connectionKeys();

    /**
     * The adapter's keys that set up a connection of Tidemark's own (credentials, timeouts) without
     * asking for one: around the client bean they cannot apply, the bean's own settings do. Setting one
     * while the bean is used is refused ({@link #ineffectiveSettings}), rather than ignored.
     *
     * @return those keys; none by default
     */
    default List<String> connectionSettings() {
        return List.of();
    }

    /**
     * {@link #connectionSettings()} that {@code config} sets, which would have no effect on the client bean.
     *
     * @param config the configuration
     * @return a problem naming them and what to do, when any is set
     */
    default Optional<String> ineffectiveSettings(TidemarkConfig config) {
        List<String> set = connectionSettings().stream()
                .filter(key -> config.get(key).isPresent())
                .toList();
        if (set.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", set) + (set.size() == 1 ? " is" : " are") + " set, but Tidemark uses the "
                + "application's " + clientType() + " bean, whose own settings apply: "
                + (set.size() == 1 ? "it has" : "they have") + " no effect there. Set "
                + (set.size() == 1 ? "it" : "them") + " on that bean (" + clientSettingsHint() + "), remove "
                + (set.size() == 1 ? "it" : "them") + ", or set " + String.join(" or ", connectionKeys())
                + " to have Tidemark connect with a client of its own.");
    }

    /** {@return where the client bean's own settings are made, for {@link #ineffectiveSettings}} */
    default String clientSettingsHint() {
        return "where the application builds it";
    }

    /** {@return whether the application context has exactly one client bean (or a primary one)} */
    boolean hasClient();

    /**
     * A store around the client bean, configured by the adapter's other keys.
     *
     * @param config the configuration
     * @param clock  the engine's clock
     * @return a store that leaves the client open when closed
     */
    AuditStore create(TidemarkConfig config, Clock clock);

    /** Whether this source offers the store: a client bean, and no connection key set. */
    default boolean offers(TidemarkConfig config) {
        return hasClient()
                && connectionKeys().stream().allMatch(key -> config.get(key).isEmpty());
    }
}
