package io.tidemark.core.internal.loading;

import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A class path root that is a directory inside a jar file, as Spring Boot's launcher serves an
 * executable jar's own classes: {@code jar:nested:/srv/app.jar/!BOOT-INF/classes/!/com/example/} for
 * package {@code com.example}, whose jar file URL is {@code nested:/srv/app.jar/!BOOT-INF/classes/}.
 * Only the URL is read (Tidemark has no dependency on Spring Boot): the file is what comes before the
 * last {@code /!}, percent-decoded as Boot decodes it, and the directory is what follows it, which must
 * end in {@code /} (a jar nested in the jar, {@code BOOT-INF/lib/x.jar}, is not a directory and is
 * left to the JDK's reading).
 *
 * @param jar    the jar file on disk
 * @param prefix the directory's entry name, ending in {@code /} ({@code BOOT-INF/classes/})
 */
record NestedClassesRoot(Path jar, String prefix) {

    /** The protocol of Spring Boot's URLs of entries nested in a jar. */
    static final String PROTOCOL = "nested";

    /**
     * The root that {@code jarFileUrl} (a {@link java.net.JarURLConnection#getJarFileURL()}) names, or
     * empty when it is not a directory nested in a jar file, or cannot be read as one.
     */
    static Optional<NestedClassesRoot> of(URL jarFileUrl) {
        if (!PROTOCOL.equalsIgnoreCase(jarFileUrl.getProtocol())) {
            return Optional.empty();
        }
        String location = jarFileUrl.toString().substring(PROTOCOL.length() + 1);
        int separator = location.lastIndexOf("/!");
        if (separator <= 0) {
            return Optional.empty();
        }
        String prefix = location.substring(separator + 2);
        if (prefix.isEmpty() || !prefix.endsWith("/") || prefix.startsWith("/")) {
            return Optional.empty();
        }
        try {
            // '+' is a plus in a path: URLDecoder would make it a space.
            String file =
                    URLDecoder.decode(location.substring(0, separator).replace("+", "%2B"), StandardCharsets.UTF_8);
            String decodedPrefix = URLDecoder.decode(prefix.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (file.length() > 2 && file.charAt(0) == '/' && file.charAt(2) == ':') {
                file = file.substring(1); // /C:/srv/app.jar on Windows
            }
            return Optional.of(new NestedClassesRoot(Path.of(file), decodedPrefix));
        } catch (IllegalArgumentException e) { // InvalidPathException included
            return Optional.empty();
        }
    }

    /** How the root is named in messages: {@code /srv/app.jar!/BOOT-INF/classes/}. */
    String describe() {
        return jar + "!/" + prefix;
    }
}
