/**
 * Tidemark's core. It exports two of its three floors: the user API ({@code io.tidemark.core},
 * {@code .operator}, {@code .chain}, {@code .error}, {@code .event}, {@code .memory}) and the adapter SPI
 * ({@code io.tidemark.spi}, {@code io.tidemark.spi.support}). The internals
 * ({@code io.tidemark.core.internal.*}: engine, loading, lock, operator internals) are not exported.
 *
 * <p>Adapters are found with {@link java.util.ServiceLoader}: on the module path by their
 * {@code provides io.tidemark.spi.AuditStoreProvider}, on the class path by
 * {@code META-INF/services}; so are the {@link io.tidemark.core.ConfigurationKeys} that modules declare
 * for the unknown-key check. Change units are instantiated and invoked by reflection: on the module
 * path, open their package to {@code io.tidemark.core} ({@code opens com.example.changes to io.tidemark.core;}).
 */
module io.tidemark.core {
    requires transitive io.tidemark.api;
    requires org.slf4j;

    exports io.tidemark.core;
    exports io.tidemark.core.chain;
    exports io.tidemark.core.error;
    exports io.tidemark.core.event;
    exports io.tidemark.core.memory;
    exports io.tidemark.core.operator;
    exports io.tidemark.spi;
    exports io.tidemark.spi.support;

    uses io.tidemark.spi.AuditStoreProvider;
    uses io.tidemark.core.ConfigurationKeys;

    provides io.tidemark.core.ConfigurationKeys with
            io.tidemark.core.internal.config.CoreKeys;
}
