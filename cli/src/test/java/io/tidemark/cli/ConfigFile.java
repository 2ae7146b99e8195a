package io.tidemark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Configuration keys written as the properties file an operator passes with {@code --config}. */
final class ConfigFile {

    private ConfigFile() {}

    /** Writes {@code config} as {@code <name>.properties} in {@code directory}, replacing a file of that name. */
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
