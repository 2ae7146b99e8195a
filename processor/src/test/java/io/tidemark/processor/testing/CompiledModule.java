package io.tidemark.processor.testing;

import io.tidemark.api.ChangeUnit;
import io.tidemark.processor.ChangeUnitIndexProcessor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A module of change units compiled in a test, as a build would: sources in {@code src}, compiled
 * with the JDK's compiler into {@code classes} (with or without Tidemark's processor, all sources or
 * only some, as an incremental build does), and loaded by a {@link RecordingLoader}.
 */
public final class CompiledModule {

    private final Path src;
    private final Path classes;

    private CompiledModule(Path root) throws IOException {
        this.src = Files.createDirectories(root.resolve("src"));
        this.classes = Files.createDirectories(root.resolve("classes"));
    }

    /** An empty module in {@code root}. */
    public static CompiledModule in(Path root) {
        try {
            return new CompiledModule(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source of a change unit with an empty {@code @Execution} taking {@code parameters}. */
    public static String changeUnit(String packageName, String simpleName, String id, String order, String parameters) {
        return "package " + packageName + ";\n\n"
                + "@io.tidemark.api.ChangeUnit(id = \"" + id + "\", order = \"" + order + "\", author = \"test\")\n"
                + "public class " + simpleName + " {\n"
                + "    @io.tidemark.api.Execution\n"
                + "    public void apply(" + parameters + ") {\n"
                + "    }\n"
                + "}\n";
    }

    /** Writes (or rewrites) the source of {@code qualifiedName}. */
    public CompiledModule source(String qualifiedName, String text) {
        try {
            Path file = src.resolve(qualifiedName.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a change unit with an empty {@code @Execution}. */
    public CompiledModule changeUnit(String qualifiedName, String id, String order) {
        int dot = qualifiedName.lastIndexOf('.');
        return source(
                qualifiedName,
                changeUnit(qualifiedName.substring(0, dot), qualifiedName.substring(dot + 1), id, order, ""));
    }

    /** Compiles every source with the processor; fails on any error. */
    public CompiledModule compileWithProcessor() {
        return compile(true, allSources());
    }

    /** Compiles every source without the processor; fails on any error. */
    public CompiledModule compileWithoutProcessor() {
        return compile(false, allSources());
    }

    /** Compiles only {@code qualifiedNames} (the others are found as class files), as an incremental build does. */
    public CompiledModule recompile(boolean withProcessor, String... qualifiedNames) {
        return compile(
                withProcessor,
                Arrays.stream(qualifiedNames)
                        .map(n -> src.resolve(n.replace('.', '/') + ".java"))
                        .toList());
    }

    /**
     * Compiles only {@code qualifiedNames} with the module's sources on the source path, as javac run by
     * hand or by a build that passes {@code -sourcepath} does: a class they use whose class file is missing
     * or older than its source is compiled too ("implicitly"), and javac runs no annotation processor on it.
     */
    public CompiledModule compileWithSourcePath(boolean withProcessor, String... qualifiedNames) {
        Result result = run(
                withProcessor,
                Arrays.stream(qualifiedNames)
                        .map(n -> src.resolve(n.replace('.', '/') + ".java"))
                        .toList(),
                List.of("-sourcepath", src.toString(), "-implicit:class"));
        if (!result.success()) {
            throw new IllegalStateException("compilation failed:\n" + result.diagnostics());
        }
        return this;
    }

    /** Compiles, returning the compiler's messages instead of failing; for sources expected not to compile. */
    public Result tryCompile(boolean withProcessor) {
        return run(withProcessor, allSources());
    }

    /**
     * What the compiler said.
     *
     * @param success     whether it compiled
     * @param diagnostics its messages
     */
    public record Result(boolean success, String diagnostics) {}

    private CompiledModule compile(boolean withProcessor, List<Path> sources) {
        Result result = run(withProcessor, sources);
        if (!result.success()) {
            throw new IllegalStateException("compilation failed:\n" + result.diagnostics());
        }
        return this;
    }

    private Result run(boolean withProcessor, List<Path> sources) {
        return run(withProcessor, sources, List.of());
    }

    private Result run(boolean withProcessor, List<Path> sources, List<String> extraOptions) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            List<String> options = new ArrayList<>(List.of(
                    "-d",
                    classes.toString(),
                    "-classpath",
                    location(ChangeUnit.class) + java.io.File.pathSeparator + classes,
                    "--release",
                    "17"));
            options.addAll(extraOptions);
            if (!withProcessor) {
                options.add("-proc:none");
            }
            JavaCompiler.CompilationTask task = compiler.getTask(
                    diagnostics, files, null, options, null, files.getJavaFileObjectsFromPaths(sources));
            if (withProcessor) {
                task.setProcessors(List.of(new ChangeUnitIndexProcessor()));
            }
            return new Result(task.call(), diagnostics.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> allSources() {
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class output directory. */
    public Path classes() {
        return classes;
    }

    /** The class file of {@code qualifiedName}. */
    public Path classFile(String qualifiedName) {
        return classes.resolve(qualifiedName.replace('.', '/') + ".class");
    }

    /** The index the processor wrote for {@code packageName}. */
    public Path index(String packageName) {
        return classes.resolve("META-INF/tidemark/index/" + packageName + ".idx");
    }

    /** A fresh class loader over the class output, recording what it loads. */
    public RecordingLoader loader() {
        return RecordingLoader.over(classes);
    }

    /** Packs the class output into {@code jar}, as {@code mvn package} does; returns it. */
    public Path jar(Path jar) {
        return pack(jar, "");
    }

    /**
     * Packs the class output into {@code war} under {@code WEB-INF/classes/}, as a web application's
     * build does; returns it.
     */
    public Path war(Path war) {
        return pack(war, "WEB-INF/classes/");
    }

    private Path pack(Path jar, String directory) {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out);
                Stream<Path> paths = Files.walk(classes)) {
            for (Path path : paths.sorted().toList()) {
                String name = classes.relativize(path).toString().replace(java.io.File.separatorChar, '/');
                if (name.isEmpty()) {
                    if (!directory.isEmpty()) {
                        jarOut.putNextEntry(new JarEntry(directory.substring(0, directory.indexOf('/') + 1)));
                        jarOut.putNextEntry(new JarEntry(directory));
                    }
                    continue;
                }
                if (Files.isDirectory(path)) {
                    jarOut.putNextEntry(new JarEntry(directory + name + "/"));
                } else {
                    jarOut.putNextEntry(new JarEntry(directory + name));
                    jarOut.write(Files.readAllBytes(path));
                }
                jarOut.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the classes of {@code type} are. */
    public static String location(Class<?> type) {
        try {
            URL location = type.getProtectionDomain().getCodeSource().getLocation();
            return Path.of(location.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
