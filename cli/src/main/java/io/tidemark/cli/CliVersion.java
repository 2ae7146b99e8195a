package io.tidemark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into {@code tidemark-cli.properties} at build time. */
final class CliVersion implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CliVersion.class.getResourceAsStream("/tidemark-cli.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"tidemark " + properties.getProperty("version", "(unknown version)")};
    }
}
