package io.tidemark.cli;

import io.tidemark.spi.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * An embedded backend for the command-line tests: the configuration of an isolated namespace in it
 * (what an operator puts in a {@code --config} file), and raw tampering with stored records.
 */
interface CliBackend extends AutoCloseable {

    /** The store's name, as {@code tidemark.store}. */
    String name();

    /** Configuration keys of a namespace (table prefix, database, key prefix) no other call shares. */
    Map<String, String> newNamespace();

    /**
     * Configuration of a store on this backend whose tables or collections do not exist (a table prefix,
     * database or collection no one used), as a typo in an operator's config file gives.
     */
    Map<String, String> withoutTables();

    /** The name the store configured by {@code config} reports missing. */
    String missingName(Map<String, String> config);

    /**
     * What the backend holds for {@code config}, read with the backend's own client: its tables,
     * collections, or documents under its key prefix. Empty when nothing was ever created there.
     */
    List<String> storedFor(Map<String, String> config);

    /** Configuration of a store on this backend that cannot be reached, failing fast. */
    Map<String, String> unreachable();

    /** Overwrites the stored record at {@code replacement}'s chain and sequence, bypassing the store. */
    void overwrite(Map<String, String> namespace, AuditRecord replacement);

    @Override
    void close();

    /** Writes {@code config} as a properties file in {@code directory}. */
    static Path write(Path directory, String name, Map<String, String> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        Path file = directory.resolve(name + ".properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "tidemark test configuration");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
