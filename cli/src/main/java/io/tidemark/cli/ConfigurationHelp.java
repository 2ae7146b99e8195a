package io.tidemark.cli;

import io.tidemark.core.ConfigurationKeys;
import io.tidemark.spi.AuditStoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * The "Configuration keys" section of {@code tidemark --help}: every key the command line accepts,
 * read from the same declarations the unknown-key check uses (the core's and other modules'
 * {@link ConfigurationKeys}, and each adapter's {@link AuditStoreProvider#keys()}), so that the
 * help cannot drift from what the program reads.
 */
final class ConfigurationHelp {

    /** The key of the section in picocli's help, placed before the exit codes. */
    static final String SECTION = "configurationKeys";

    private static final String INDENT = "  ";

    private ConfigurationHelp() {}

    /** Adds the section to the help of {@code root}, laid out within {@code width} columns. */
    static void addTo(CommandLine root, int width) {
        String text = text(root.getCommandSpec().userObject().getClass().getClassLoader(), width);
        List<String> keys = new ArrayList<>(root.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), SECTION);
        root.setHelpSectionKeys(keys);
        root.getHelpSectionMap().put(SECTION, help -> text);
    }

    /** The section's text. */
    static String text(ClassLoader loader, int width) {
        Set<String> general = new TreeSet<>();
        ServiceLoader.load(ConfigurationKeys.class, loader).forEach(declared -> general.addAll(declared.keys()));
        TreeMap<String, Set<String>> stores = new TreeMap<>();
        ServiceLoader.load(AuditStoreProvider.class, loader)
                .forEach(provider -> stores.put(provider.name(), new TreeSet<>(provider.keys())));
        stores.values().forEach(general::removeAll);
        StringBuilder text = new StringBuilder(System.lineSeparator());
        for (String line : TextWrap.lines(
                "Configuration keys, set in the --config FILE (tidemark.store=mongodb), as "
                        + "-D options given to java, or as environment variables (TIDEMARK_STORE=mongodb). A key no part of "
                        + "Tidemark reads is refused (exit code 3), named with the nearest known key. Meanings and "
                        + "defaults: the README's Configuration section.",
                width)) {
            text.append(line).append(System.lineSeparator());
        }
        appendKeys(text, "", general, width);
        stores.forEach((store, keys) -> appendKeys(text, store + ": ", keys, width));
        return text.toString();
    }

    private static void appendKeys(StringBuilder text, String label, Set<String> keys, int width) {
        List<String> lines = TextWrap.lines(label + String.join(", ", keys), width - 2 * INDENT.length());
        for (int i = 0; i < lines.size(); i++) {
            text.append(i == 0 ? INDENT : INDENT + INDENT).append(lines.get(i)).append(System.lineSeparator());
        }
    }
}
