package io.tidemark.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The GraalVM reflection metadata of the change units ({@code reflect-config.json}): what the core
 * does to them by reflection, namely reading their annotations, listing their declared constructors
 * and methods (and those of superclasses, where an {@code @Execution} may be inherited from),
 * constructing them and invoking their {@code @Execution} and {@code @RollbackExecution} methods.
 */
final class ReflectConfig {

    /** No entries: written instead of a partial set when the compilation did not see every change unit. */
    static final String EMPTY = "[]\n";

    private ReflectConfig() {}

    static String of(Collection<IndexedChangeUnit> units) {
        Map<String, Set<IndexedChangeUnit.Member>> byClass = new LinkedHashMap<>();
        for (IndexedChangeUnit unit : units) {
            byClass.computeIfAbsent(unit.binaryName(), k -> new LinkedHashSet<>())
                    .add(unit.constructor());
            for (IndexedChangeUnit.Member method : unit.rollback().isPresent()
                    ? List.of(unit.execution(), unit.rollback().get())
                    : List.of(unit.execution())) {
                byClass.computeIfAbsent(method.declaringClass(), k -> new LinkedHashSet<>())
                        .add(method);
            }
        }
        StringBuilder json = new StringBuilder("[\n");
        int i = 0;
        for (Map.Entry<String, Set<IndexedChangeUnit.Member>> entry : byClass.entrySet()) {
            json.append("  {\"name\": ")
                    .append(quoted(entry.getKey()))
                    .append(
                            ", \"queryAllDeclaredConstructors\": true, \"queryAllDeclaredMethods\": true, \"methods\": [");
            int j = 0;
            for (IndexedChangeUnit.Member member : entry.getValue()) {
                json.append(j++ == 0 ? "" : ", ")
                        .append("{\"name\": ")
                        .append(quoted(member.name()))
                        .append(", \"parameterTypes\": [");
                for (int k = 0; k < member.parameterTypes().size(); k++) {
                    json.append(k == 0 ? "" : ", ")
                            .append(quoted(member.parameterTypes().get(k)));
                }
                json.append("]}");
            }
            json.append("]}").append(++i < byClass.size() ? ",\n" : "\n");
        }
        return json.append("]\n").toString();
    }

    static void overwrite(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Tidemark's processor could not write " + file, e);
        }
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
