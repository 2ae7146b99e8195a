package io.tidemark.bench.changes;

import io.tidemark.api.ChangeUnit;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Trivial change-unit classes, as many as a scenario needs, compiled at run time: one source per
 * change is written to a temporary directory, compiled in one pass with the JDK's compiler (against
 * audit-api), and loaded with a class loader over the output. No build-time generation and no
 * extra dependency; 10,000 classes take a few seconds.
 *
 * <p>Change {@code i} (from 1) is class {@code io.tidemark.bench.generated.Change<i, 5 digits>} with
 * id {@code bench-<i, 5 digits>}, order {@code i} and an empty {@code @Execution}, so that a run
 * measures Tidemark and its backend only. {@link #first(int)} of a larger set is a valid change set
 * of its own, so one compilation serves every size.
 */
public final class GeneratedChanges implements AutoCloseable {

    /** The package of the generated classes. */
    public static final String PACKAGE = "io.tidemark.bench.generated";

    private final Path directory;
    private final URLClassLoader loader;
    private final List<Class<?>> classes;

    private GeneratedChanges(Path directory, URLClassLoader loader, List<Class<?>> classes) {
        this.directory = directory;
        this.loader = loader;
        this.classes = classes;
    }

    /** Writes, compiles and loads {@code count} change units. */
    public static GeneratedChanges compile(int count) {
        if (count < 1 || count > 99_999) {
            throw new IllegalArgumentException("between 1 and 99999 change units, not " + count);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No Java compiler in this runtime (" + System.getProperty("java.home")
                    + "): run the benchmark on a JDK, not a JRE");
        }
        try {
            Path directory = Files.createTempDirectory("tidemark-bench-changes");
            Path sources = Files.createDirectories(directory.resolve("src"));
            Path output = Files.createDirectories(directory.resolve("classes"));
            List<Path> files = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                Path file = sources.resolve(className(i) + ".java");
                Files.writeString(file, source(i));
                files.add(file);
            }
            StringWriter diagnostics = new StringWriter();
            try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
                boolean compiled = compiler.getTask(
                                diagnostics,
                                fileManager,
                                null,
                                List.of(
                                        "-d",
                                        output.toString(),
                                        "-classpath",
                                        apiLocation(),
                                        "-proc:none",
                                        "-g:none",
                                        "--release",
                                        "17"),
                                null,
                                fileManager.getJavaFileObjectsFromPaths(files))
                        .call();
                if (!compiled) {
                    throw new IllegalStateException("Compiling the generated change units failed:\n" + diagnostics);
                }
            }
            URLClassLoader loader =
                    new URLClassLoader(new URL[] {output.toUri().toURL()}, GeneratedChanges.class.getClassLoader());
            List<Class<?>> classes = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                classes.add(loader.loadClass(PACKAGE + "." + className(i)));
            }
            return new GeneratedChanges(directory, loader, List.copyOf(classes));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the generated change units", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("A generated change unit was not compiled", e);
        }
    }

    /** How many change units were generated. */
    public int size() {
        return classes.size();
    }

    /** The first {@code count} change units, in order. */
    public Class<?>[] first(int count) {
        if (count > classes.size()) {
            throw new IllegalArgumentException("only " + classes.size() + " change units were generated, not " + count);
        }
        return classes.subList(0, count).toArray(Class<?>[]::new);
    }

    /** The id of change {@code i} (from 1). */
    public static String id(int i) {
        return "bench-" + String.format("%05d", i);
    }

    /** Closes the class loader and deletes the generated files. */
    @Override
    public void close() {
        try {
            loader.close();
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }

    private static String className(int i) {
        return "Change" + String.format("%05d", i);
    }

    private static String source(int i) {
        return "package " + PACKAGE + ";\n\n"
                + "@io.tidemark.api.ChangeUnit(id = \"" + id(i) + "\", order = \"" + i + "\", author = \"bench\")\n"
                + "public final class " + className(i) + " {\n"
                + "    @io.tidemark.api.Execution\n"
                + "    public void apply() {\n"
                + "    }\n"
                + "}\n";
    }

    /** Where audit-api's classes are (a jar, or a classes directory in a reactor build). */
    private static String apiLocation() {
        try {
            return Path.of(ChangeUnit.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("Cannot locate audit-api for compiling change units", e);
        }
    }
}
