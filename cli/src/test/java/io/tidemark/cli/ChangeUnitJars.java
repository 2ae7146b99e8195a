package io.tidemark.cli;

import io.tidemark.api.ChangeUnit;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Change units an application would ship, compiled by the test with the JDK's compiler and packed into
 * jars, so that the command line loads them from its {@code --classpath} only (they are on no class
 * path of the test). Jars hold directory entries, as those built by Maven or {@code jar} do.
 */
final class ChangeUnitJars {

    private final Path classes;

    private ChangeUnitJars(Path classes) {
        this.classes = classes;
    }

    /**
     * Compiles {@code sources} (class name to source text) against the change-unit API into
     * {@code directory}/classes.
     */
    static ChangeUnitJars compile(Path directory, Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("These tests compile change units: run them on a JDK, not a JRE");
        }
        try {
            Path sourceDir = Files.createDirectories(directory.resolve("src"));
            Path classes = Files.createDirectories(directory.resolve("classes"));
            List<String> arguments = new ArrayList<>(
                    List.of("-d", classes.toString(), "-classpath", apiLocation(), "--release", "17", "-proc:none"));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("the test's change units did not compile (status " + status + ")");
            }
            return new ChangeUnitJars(classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String apiLocation() {
        try {
            return Path.of(ChangeUnit.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A jar at {@code jar} holding the compiled classes named in {@code classNames}, and their nested classes. */
    Path jar(Path jar, List<String> classNames) {
        try {
            Files.createDirectories(jar.getParent());
            TreeSet<String> entries = new TreeSet<>();
            for (String className : classNames) {
                String path = className.replace('.', '/');
                for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                    entries.add(path.substring(0, slash + 1));
                }
                Path directory = classes.resolve(path).getParent();
                String simple = path.substring(path.lastIndexOf('/') + 1);
                try (Stream<Path> files = Files.list(directory)) {
                    files.map(f -> f.getFileName().toString())
                            .filter(n -> n.equals(simple + ".class") || n.startsWith(simple + "$"))
                            .forEach(n -> entries.add(path.substring(0, path.lastIndexOf('/') + 1) + n));
                }
            }
            try (OutputStream out = Files.newOutputStream(jar);
                    JarOutputStream jarOut = new JarOutputStream(out)) {
                for (String entry : entries) {
                    jarOut.putNextEntry(new JarEntry(entry));
                    if (!entry.endsWith("/")) {
                        jarOut.write(Files.readAllBytes(classes.resolve(entry)));
                    }
                    jarOut.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
