package io.tidemark.core.internal.loading;

import io.tidemark.api.ChangeUnit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@link ChangeUnit} classes (and classes annotated with Mongock's {@code @ChangeUnit} or
 * {@code @ChangeLog}, see {@link MongockChangeUnits}) in a package and its sub-packages by listing class files on the
 * class path (directories and jars), without an annotation processor. Classes are loaded without
 * being initialised: no static initialiser runs while scanning.
 *
 * <p>A class that cannot be loaded (a superclass or an annotation value missing from the class path,
 * a class file for a newer Java, ...) is skipped when it is not a change unit; when its class file
 * names {@code @ChangeUnit}, it is reported in {@link Scan#problems()}, so that a change unit never
 * drops out of a change set unnoticed. For the same reason a place holding the package that is
 * neither a directory nor a jar (a GraalVM native image's {@code resource:} URLs, an application
 * server's virtual file system) is reported, not passed over: its classes cannot be listed, and
 * the fix is to name the change units with {@code changeUnits(...)}. A root that is a directory
 * inside a jar file ({@code jar:file:/srv/app.war!/WEB-INF/classes/}) is listed from the jar's
 * entries under that directory.
 */
final class ClassPathScanner {

    private static final Logger log = LoggerFactory.getLogger(ClassPathScanner.class);

    private final ClassLoader loader;

    ClassPathScanner(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * What a scan found.
     *
     * @param changeUnits the {@code @ChangeUnit} classes, sorted by name
     * @param problems    one line each: a change unit that could not be loaded, naming the class and why,
     *                    or a place holding the package whose classes could not be listed
     */
    record Scan(List<Class<?>> changeUnits, List<String> problems) {}

    /**
     * The {@code @ChangeUnit} classes under {@code packageName}, those that could not be loaded, and
     * the places holding the package that could not be listed.
     */
    Scan changeUnitsIn(String packageName) {
        List<Class<?>> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String className : classNamesIn(packageName, problems)) {
            try {
                Class<?> type = Class.forName(className, false, loader);
                if (type.isAnnotationPresent(ChangeUnit.class) || MongockChangeUnits.recognises(type)) {
                    found.add(type);
                }
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                if (namesChangeUnit(className)) {
                    problems.add(
                            className + " is annotated @ChangeUnit but cannot be loaded: " + LoadFailures.describe(e));
                } else {
                    log.debug("Skipping {} while scanning {}: {}", className, packageName, e.toString());
                }
            }
        }
        return new Scan(found, problems);
    }

    /** Whether the class file of {@code className} names the {@code @ChangeUnit} annotation type. */
    private boolean namesChangeUnit(String className) {
        byte[] descriptor = ChangeUnit.class.descriptorString().getBytes(StandardCharsets.UTF_8);
        try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
            if (in == null) {
                return false;
            }
            byte[] bytes = in.readAllBytes();
            outer:
            for (int i = 0; i <= bytes.length - descriptor.length; i++) {
                for (int j = 0; j < descriptor.length; j++) {
                    if (bytes[i + j] != descriptor[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            log.debug("Could not read the class file of {}: {}", className, e.toString());
            return false;
        }
    }

    private TreeSet<String> classNamesIn(String packageName, List<String> problems) {
        String path = packageName.replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    fromDirectory(directoryOf(root), packageName, names);
                } else if (!fromJar(root, path, names)) {
                    problems.add("Tidemark cannot list the classes of package " + packageName + " in " + root
                            + ": it lists directories and jars only (a GraalVM native image, for one, has neither)."
                            + " Name its change units with changeUnits(...), or scan a package that only directories"
                            + " and jars hold (with Spring Boot, set tidemark.scan-packages)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list classes of package " + packageName, e);
        }
        return names;
    }

    /**
     * The directory a {@code file:} URL of the class path names. A class loader built from
     * {@code File.toURL()} or by hand hands out URLs whose spaces and other characters are not encoded,
     * which {@link URL#toURI()} refuses: their path is then taken as it is written.
     *
     * @throws IllegalArgumentException when the URL names no path of this file system
     */
    static Path directoryOf(URL fileUrl) {
        try {
            return Path.of(fileUrl.toURI());
        } catch (URISyntaxException e) {
            return Path.of(fileUrl.getPath());
        }
    }

    private static void fromDirectory(Path directory, String packageName, TreeSet<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(file -> {
                String relative = directory
                        .relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".");
                names.add(packageName + "." + relative.substring(0, relative.length() - ".class".length()));
            });
        }
    }

    /**
     * Adds the classes of the jar {@code root} is in; false when {@code root} is not in a jar, or not
     * at a path of it that ends with the package's.
     */
    private static boolean fromJar(URL root, String path, TreeSet<String> names) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            return false;
        }
        Optional<String> prefix = classPathPrefix(jarConnection, path);
        if (prefix.isEmpty()) {
            return false;
        }
        String start = prefix.get() + path + "/";
        jarConnection.setUseCaches(false);
        try (JarFile jar = jarConnection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.startsWith(start) && name.endsWith(".class")) {
                    names.add(name.substring(prefix.get().length(), name.length() - ".class".length())
                            .replace('/', '.'));
                }
            }
        }
        return true;
    }

    /**
     * Where the class path root is in the jar that {@code connection} opens, given that it found the
     * package's directory {@code path} there: empty (the string) for a root that is the jar itself;
     * the directory's entry name, ending in {@code /}, for a root that is a directory inside the jar (a
     * web-app class loader serving {@code jar:file:/srv/app.war!/WEB-INF/classes/}), whose entries are
     * named {@code WEB-INF/classes/com/example/...}; empty (the optional) when the entry is not the
     * package's directory.
     */
    static Optional<String> classPathPrefix(JarURLConnection connection, String path) {
        String entry = connection.getEntryName();
        if (entry == null) {
            return Optional.empty();
        }
        String directory = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
        if (!directory.endsWith(path)) {
            return Optional.empty();
        }
        String prefix = directory.substring(0, directory.length() - path.length());
        return prefix.isEmpty() || prefix.endsWith("/") ? Optional.of(prefix) : Optional.empty();
    }
}
