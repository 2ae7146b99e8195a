package io.tidemark.cli;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The application's class path, given with {@code --classpath} as {@code java -cp} takes it: entries
 * separated by the platform's path separator ({@code :}, or {@code ;} on Windows), the option given
 * once or several times. An entry is a jar file or a directory of classes; an entry ending in
 * {@code *} ({@code lib/*}) stands for every jar in that directory ({@code .jar} or {@code .JAR}, not
 * in its sub-directories), in name order.
 *
 * <p>Every entry is checked before anything connects: one that does not exist, is not a jar, or (a
 * wildcard) matches no jar is invalid input naming it. The classes are loaded by
 * {@link #open()} in a class loader of their own whose parent is the command line's, so that
 * {@code @ChangeUnit} and the adapters are the command line's own; the change units are only
 * inspected (loaded without being initialised, never instantiated).
 */
final class UserClassPath {

    private final List<String> given;
    private final List<Path> entries;

    private UserClassPath(List<String> given, List<Path> entries) {
        this.given = List.copyOf(given);
        this.entries = List.copyOf(entries);
    }

    /**
     * The class path the options give.
     *
     * @throws InvalidInputException naming an entry that does not exist, is not a jar, or matches no jar
     */
    static UserClassPath of(List<String> options) {
        List<Path> entries = new ArrayList<>();
        List<String> given = new ArrayList<>();
        for (String option : options) {
            for (String entry : option.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
                if (entry.isBlank()) {
                    continue;
                }
                given.add(entry);
                if (entry.equals("*") || entry.endsWith("/*") || entry.endsWith(File.separator + "*")) {
                    entries.addAll(jarsIn(entry));
                } else {
                    entries.add(checked(entry));
                }
            }
        }
        if (entries.isEmpty()) {
            throw new InvalidInputException("--classpath is empty: give the application's jar and its libraries, "
                    + "as java -cp takes them (app.jar" + File.pathSeparator + "lib/*)");
        }
        return new UserClassPath(given, entries);
    }

    private static List<Path> jarsIn(String wildcard) {
        Path directory = Path.of(
                wildcard.substring(0, wildcard.length() - 1).isEmpty()
                        ? "."
                        : wildcard.substring(0, wildcard.length() - 1));
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(
                    "--classpath entry '" + wildcard + "': " + directory.toAbsolutePath() + " is not a directory");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(Files::isRegularFile)
                    .filter(f ->
                            f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException("--classpath entry '" + wildcard + "': cannot list "
                    + directory.toAbsolutePath() + " (" + e.getMessage() + ")");
        }
        if (jars.isEmpty()) {
            throw new InvalidInputException("--classpath entry '" + wildcard + "' matches no jar file in "
                    + directory.toAbsolutePath() + " (a * stands for the .jar files in that directory only)");
        }
        jars.forEach(jar -> checked(jar.toString()));
        return jars;
    }

    @SuppressWarnings("try") // the jar is opened only to prove that it is one, so the body never uses it
    private static Path checked(String entry) {
        Path path = Path.of(entry);
        if (Files.isDirectory(path)) {
            return path;
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException("--classpath entry '" + entry + "' does not exist (" + path.toAbsolutePath()
                    + "): check the path, or build the application first");
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            jar.size(); // opening it is the check; reading its directory confirms it
            return path;
        } catch (IOException e) {
            throw new InvalidInputException("--classpath entry '" + entry + "' is not a jar file (" + e.getMessage()
                    + "): give jars and directories of classes");
        }
    }

    /** The files and directories, wildcards expanded, in order. */
    List<Path> entries() {
        return entries;
    }

    /** A class loader over the entries, child of the command line's; the caller closes it. */
    URLClassLoader open() {
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new InvalidInputException("--classpath entry " + entries.get(i) + " cannot be used: " + e);
            }
        }
        String description = "the class path given with --classpath (" + String.join(File.pathSeparator, given) + ")";
        return new URLClassLoader("tidemark-user-classes", urls, UserClassPath.class.getClassLoader()) {
            @Override
            public String toString() {
                return description;
            }
        };
    }
}
