package io.tidemark.bench.changes;

import io.tidemark.api.ChangeUnit;
import io.tidemark.processor.ChangeUnitIndexProcessor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * One set of trivial change units compiled twice over, for the fresh-JVM idle start: the sources of
 * {@code count} change units ({@link GeneratedChanges}'s shape, in package {@link #PACKAGE}) are
 * compiled once by the JDK's compiler WITH {@code tidemark-processor} into {@link #indexed()}, and
 * the same class files are copied without the index into {@link #plain()}: both paths run on
 * byte-identical classes. Each directory is also packed into a jar ({@link #indexedJar()},
 * {@link #plainJar()}), as an application is normally deployed: directory entries included (a class
 * loader lists a package in a jar through them), the index under {@code META-INF/tidemark/index/}.
 */
public final class IndexedChanges implements AutoCloseable {

    /** The package of the change units. */
    public static final String PACKAGE = "io.tidemark.bench.indexed";

    private final Path directory;
    private final int count;

    private IndexedChanges(Path directory, int count) {
        this.directory = directory;
        this.count = count;
    }

    /** Writes and compiles {@code count} change units. */
    public static IndexedChanges compile(int count) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No Java compiler in this runtime: run the benchmark on a JDK");
        }
        try {
            Path directory = Files.createTempDirectory("tidemark-bench-indexed-" + count);
            Path sources = Files.createDirectories(directory.resolve("src"));
            Path indexed = Files.createDirectories(directory.resolve("indexed"));
            List<Path> files = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                Path file = sources.resolve(className(i) + ".java");
                Files.writeString(file, source(i));
                files.add(file);
            }
            StringWriter diagnostics = new StringWriter();
            try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
                JavaCompiler.CompilationTask task = compiler.getTask(
                        diagnostics,
                        fileManager,
                        null,
                        List.of(
                                "-d",
                                indexed.toString(),
                                "-classpath",
                                location(ChangeUnit.class),
                                "-g:none",
                                "--release",
                                "17"),
                        null,
                        fileManager.getJavaFileObjectsFromPaths(files));
                task.setProcessors(List.of(new ChangeUnitIndexProcessor()));
                if (!task.call()) {
                    throw new IllegalStateException("Compiling the indexed change units failed:\n" + diagnostics);
                }
            }
            Path plain = Files.createDirectories(directory.resolve("plain"));
            try (Stream<Path> classes = Files.walk(indexed)) {
                for (Path file :
                        classes.filter(f -> f.toString().endsWith(".class")).toList()) {
                    Path copy = plain.resolve(indexed.relativize(file));
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            }
            IndexedChanges changes = new IndexedChanges(directory, count);
            if (!Files.readString(changes.index()).contains("state\tcomplete")) {
                throw new IllegalStateException("The processor did not write a complete index: " + changes.index());
            }
            pack(indexed, changes.indexedJar());
            pack(plain, changes.plainJar());
            return changes;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the indexed change units", e);
        }
    }

    /** How many change units. */
    public int size() {
        return count;
    }

    /** The class output with the processor's index. */
    public Path indexed() {
        return directory.resolve("indexed");
    }

    /** The same class files without an index. */
    public Path plain() {
        return directory.resolve("plain");
    }

    /** {@link #indexed()} packed into a jar: the same class files and the index. */
    public Path indexedJar() {
        return directory.resolve("indexed.jar");
    }

    /** {@link #plain()} packed into a jar: the same class files, no index. */
    public Path plainJar() {
        return directory.resolve("plain.jar");
    }

    /** The index file. */
    public Path index() {
        return indexed().resolve("META-INF/tidemark/index/" + PACKAGE + ".idx");
    }

    /** Deletes the generated files. */
    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }

    /**
     * Packs every file under {@code root} into {@code jar}, with a manifest and an entry per directory,
     * in name order, as the JDK's {@code jar} tool would.
     */
    private static void pack(Path root, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(path -> !path.equals(root))
                    .sorted(Comparator.comparing(path -> root.relativize(path).toString()))
                    .toList();
        }
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Path path : paths) {
                String name = root.relativize(path).toString().replace('\\', '/');
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
    }

    private static String className(int i) {
        return "Change" + String.format("%05d", i);
    }

    private static String source(int i) {
        return "package " + PACKAGE + ";\n\n"
                + "@io.tidemark.api.ChangeUnit(id = \"" + GeneratedChanges.id(i) + "\", order = \"" + i
                + "\", author = \"bench\")\n"
                + "public final class " + className(i) + " {\n"
                + "    @io.tidemark.api.Execution\n"
                + "    public void apply() {\n"
                + "    }\n"
                + "}\n";
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate " + type, e);
        }
    }
}
