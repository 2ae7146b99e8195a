package io.tidemark.core.internal.loading;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the build-time indexes ({@link ChangeIndex}) of the scanned packages and checks, without
 * loading any class, that they describe exactly the class files on the class path. Every class-path
 * root holding classes of a scanned package (its sub-packages included) is listed as the scanner
 * lists it, and each package found there must have an intact, complete index in the same root whose
 * class files are exactly those present, each with the same size and fingerprint:
 *
 * <ul>
 *   <li>in a jar, the CRC-32 the jar's central directory records for the entry, which the jar
 *       already holds in memory: no class file is read;</li>
 *   <li>in a directory, the last-modified time the processor saw just after javac wrote the file;
 *       a file whose time differs (copied without its times, or recompiled since), or whose time is
 *       on a whole second (a coarse file system could keep it across a recompilation), is read and
 *       its CRC-32 compared, so only content decides.</li>
 * </ul>
 *
 * A change unit added, removed or recompiled after the index was written, an index copied from
 * another package or module, and one the processor could not complete all fail a check, and the
 * caller then scans. A scanned package without an index of its own costs one resource lookup
 * before it is scanned as usual. The annotations the processor recorded for each class must agree
 * with its change units, and no class may carry another tool's change-unit annotation
 * ({@link #isOtherChangeUnitAnnotation}: change units the processor does not index). Since every
 * class file of the package must be listed, with the annotations its source had, a class the
 * processor did not examine always makes the index stale.
 */
final class IndexLookup {

    /** Tidemark's own change-unit annotation. */
    static final String CHANGE_UNIT = "io.tidemark.api.ChangeUnit";

    /**
     * Class annotations of other tools' change units that the scanner may treat as change units
     * besides {@code @ChangeUnit}: Mongock 5's {@code @ChangeUnit} and Mongock 3 and 4's
     * {@code @ChangeLog}, which the scanner recognises by name ({@link MongockChangeUnits}). The
     * processor does not index them, so a package holding such a class is scanned.
     * {@link #isOtherChangeUnitAnnotation} also refuses any
     * other annotation named {@code ChangeUnit} or {@code ChangeLog}, whatever its package: an index
     * is an optimisation, and a class it might not describe must never be skipped because of it.
     */
    static final Set<String> OTHER_CHANGE_UNIT_ANNOTATIONS =
            Set.of(MongockChangeUnits.CHANGE_UNIT, MongockChangeUnits.CHANGE_LOG);

    /** Simple names that mark a change unit or change log in the tools Tidemark knows of. */
    private static final Set<String> CHANGE_UNIT_LIKE_NAMES = Set.of("ChangeUnit", "ChangeLog");

    private static final Logger log = LoggerFactory.getLogger(IndexLookup.class);

    /** Where a multi-release jar keeps classes for other Java versions. */
    private static final String VERSIONS = "META-INF/versions/";

    private IndexLookup() {}

    /** What the lookup found. */
    sealed interface Result {
        /**
         * Every scanned package is indexed and every index checked.
         *
         * @param indexes one per package found, with the class path root it is in
         */
        record Indexed(List<Located> indexes) implements Result {}

        /**
         * The packages must be scanned.
         *
         * @param reason        why, for the log
         * @param indexWasThere whether an index was found and rejected (worth telling the user), rather
         *                      than simply absent (the processor is not used)
         */
        record NotIndexed(String reason, boolean indexWasThere) implements Result {}
    }

    /**
     * An index and where it is: its {@link ChangeIndex.Head head}, read and checked, and the rest of
     * it, read on the first call of {@link #index()} (an idle start never needs it).
     */
    static final class Located {
        private final ChangeIndex.Head head;
        private final String root;
        private IndexFileReader rest;
        private ChangeIndex index;

        /** An index whose lines after the head are read from {@code file} when asked for. */
        Located(ChangeIndex.Head head, IndexFileReader file, String root) {
            this.head = head;
            this.rest = file;
            this.root = root;
        }

        /** An index read whole. */
        Located(ChangeIndex.Head head, ChangeIndex index, String root) {
            this.head = head;
            this.index = index;
            this.root = root;
        }

        ChangeIndex.Head head() {
            return head;
        }

        /** The class path root holding the index and its classes. */
        String root() {
            return root;
        }

        /**
         * The whole index, read on the first call and checked: by the checksum of its {@code end} line, and
         * its head must be the one the decision was made from.
         *
         * @throws IllegalStateException when the index cannot be read, or is not what it was
         */
        synchronized ChangeIndex index() {
            if (index == null) {
                String where = "The build-time index of package " + head.packageName() + " in " + root;
                byte[] bytes;
                try {
                    bytes = rest.readAll();
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException(where + " cannot be read: " + e, e);
                }
                ChangeIndex.Parsed parsed = ChangeIndex.parse(head.packageName(), bytes);
                if (parsed instanceof ChangeIndex.Parsed.Unusable unusable) {
                    throw new IllegalStateException(where + " cannot be used: " + unusable.reason());
                }
                ChangeIndex.Parsed.Usable usable = (ChangeIndex.Parsed.Usable) parsed;
                if (usable.head().checksum() != head.checksum()) {
                    throw new IllegalStateException(where + " changed after Tidemark read its head");
                }
                index = usable.index();
                rest = null;
            }
            return index;
        }
    }

    /** Reads a whole index file again, when its lines after the head are needed. */
    @FunctionalInterface
    interface IndexFileReader {
        /** The file's bytes. */
        byte[] readAll() throws IOException;
    }

    /** A class file as found on the class path: size and how to get its fingerprint. */
    private interface Found {
        long size();

        /** Whether its content is that of {@code expected}. */
        boolean matches(ChangeIndex.ClassFile expected) throws IOException;
    }

    /** The class files of one root, by package and name, and how to read that root's indexes. */
    private interface Listing {
        Map<String, Map<String, Found>> byPackage();

        /** The bytes of {@code packageName}'s index in this root, if there is one. */
        Optional<byte[]> index(String packageName) throws IOException;

        /** Whether this root holds any index at all (else the processor was simply not used). */
        boolean hasIndexes();

        String describe();

        /** Class files of the packages that no index can describe, if there are any. */
        default Optional<String> undescribed() {
            return Optional.empty();
        }
    }

    /** Looks for and checks the indexes of {@code packages} (sub-packages included) on {@code loader}. */
    static Result find(ClassLoader loader, List<String> packages) {
        List<Located> found = new ArrayList<>();
        Set<String> seenPackages = new HashSet<>();
        Map<String, String> rootOfClass = new HashMap<>();
        Map<String, URL> scannedIndexes = new HashMap<>();
        try {
            for (String packageName : packages) {
                URL index = loader.getResource(ChangeIndex.resourceName(packageName));
                if (index == null) {
                    return new Result.NotIndexed("package " + packageName + " has no index", false);
                }
                scannedIndexes.put(packageName, index);
            }
            Optional<List<Located>> quick = QuickCheck.find(loader, packages);
            if (quick.isPresent()) {
                log.debug("The change-unit index of {} matches the class files by count and fingerprint", packages);
                return new Result.Indexed(quick.get());
            }
            log.debug("The change-unit index of {} is checked class file by class file", packages);
            for (String packageName : packages) {
                Enumeration<URL> roots = loader.getResources(packageName.replace('.', '/'));
                if (!roots.hasMoreElements()) {
                    return new Result.NotIndexed("package " + packageName + " is not on the class path", false);
                }
                while (roots.hasMoreElements()) {
                    URL root = roots.nextElement();
                    Optional<Listing> listing = list(root, packageName);
                    if (listing.isEmpty()) {
                        return new Result.NotIndexed(
                                root + " is neither a directory nor a jar the index check reads", false);
                    }
                    Optional<Result.NotIndexed> rejected =
                            check(listing.get(), seenPackages, rootOfClass, scannedIndexes, loader, found);
                    if (rejected.isPresent()) {
                        return rejected.get();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Result.NotIndexed("the class path could not be read for the index: " + e, true);
        }
        if (found.stream().allMatch(located -> located.head().units() == 0)) {
            // Not worth an INFO line: the scan that follows finds no change unit either, and its error
            // names the package.
            return new Result.NotIndexed("the indexes hold no change unit", false);
        }
        return new Result.Indexed(found);
    }

    /**
     * Checks the packages of one root. {@code scannedIndexes}: where the class loader found the index
     * of each scanned package; one that is not beside its classes (resources packed apart from the
     * classes, say) is not used, and the log says where it is. (Spring Boot's fat jar, whose
     * {@code META-INF/} Boot's plugins move out of {@code BOOT-INF/classes/}, is read as one
     * root: {@link NestedClassesRoot}.)
     */
    private static Optional<Result.NotIndexed> check(
            Listing listing,
            Set<String> seenPackages,
            Map<String, String> rootOfClass,
            Map<String, URL> scannedIndexes,
            ClassLoader loader,
            List<Located> found)
            throws IOException {
        Optional<String> undescribed = listing.undescribed();
        if (undescribed.isPresent()) {
            return Optional.of(new Result.NotIndexed(
                    "the index of " + listing.byPackage().keySet() + " cannot be used: " + undescribed.get(), true));
        }
        for (Map.Entry<String, Map<String, Found>> entry : listing.byPackage().entrySet()) {
            String packageName = entry.getKey();
            if (!seenPackages.add(listing.describe() + "|" + packageName)) {
                continue;
            }
            Optional<byte[]> bytes = listing.index(packageName);
            if (bytes.isEmpty()) {
                URL elsewhere = scannedIndexes.get(packageName);
                return Optional.of(
                        elsewhere != null && !besideSomeOfItsClasses(elsewhere, packageName, loader)
                                ? new Result.NotIndexed(
                                        "the classes of package " + packageName + " are in " + listing.describe()
                                                + " but its index is not: the one found is " + elsewhere
                                                + " (the index must be in the same directory or jar as the "
                                                + "classes it describes)",
                                        true)
                                : new Result.NotIndexed(
                                        "package " + packageName + " in " + listing.describe() + " has no index",
                                        listing.hasIndexes()));
            }
            ChangeIndex.Parsed parsed = ChangeIndex.parse(packageName, bytes.get());
            if (parsed instanceof ChangeIndex.Parsed.Unusable unusable) {
                return Optional.of(new Result.NotIndexed(
                        "the index of package " + packageName + " in " + listing.describe() + " cannot be used: "
                                + unusable.reason(),
                        true));
            }
            ChangeIndex.Parsed.Usable usable = (ChangeIndex.Parsed.Usable) parsed;
            ChangeIndex index = usable.index();
            Optional<String> mismatch = compare(index, entry.getValue());
            if (mismatch.isPresent()) {
                return Optional.of(stale(packageName, listing, mismatch.get()));
            }
            for (String className : entry.getValue().keySet()) {
                String previous = rootOfClass.put(packageName + "." + className, listing.describe());
                if (previous != null && !previous.equals(listing.describe())) {
                    return Optional.of(new Result.NotIndexed(
                            "class " + packageName + "." + className + " is on the " + "class path twice (" + previous
                                    + " and " + listing.describe() + ")",
                            true));
                }
            }
            found.add(new Located(usable.head(), index, listing.describe()));
        }
        return Optional.empty();
    }

    /**
     * The check of an idle start: cost independent of the number of change units, except for one
     * file-system call per class file (its time, in a directory) or one pass over the jar's directory;
     * of each index only the head is read ({@link ChangeIndex#readHead}).
     * Every package found must have an index whose head matches the class files by count and aggregate
     * fingerprint ({@link ClassFilesFingerprint}), lists no other tool's change-unit annotation, and has
     * no counterpart in another class path root. Anything else, and any doubt, is left to the check
     * class file by class file ({@link #find}'s own), which tells exactly what does not match, or finds
     * that only the times differ.
     */
    private static final class QuickCheck {
        private final List<Located> found = new ArrayList<>();
        private final Map<String, String> rootOfPackage = new HashMap<>();

        static Optional<List<Located>> find(ClassLoader loader, List<String> packages) throws IOException {
            QuickCheck check = new QuickCheck();
            for (String packageName : packages) {
                Enumeration<URL> roots = loader.getResources(packageName.replace('.', '/'));
                if (!roots.hasMoreElements()) {
                    return Optional.empty();
                }
                while (roots.hasMoreElements()) {
                    if (!check.root(roots.nextElement(), packageName)) {
                        return Optional.empty();
                    }
                }
            }
            if (check.found.stream().allMatch(located -> located.head().units() == 0)) {
                return Optional.empty();
            }
            return Optional.of(check.found);
        }

        /** Checks the packages under {@code packageName} in {@code root}; false: leave it to the full check. */
        private boolean root(URL root, String packageName) throws IOException {
            if ("file".equals(root.getProtocol())) {
                File directory;
                try {
                    directory = ClassPathScanner.directoryOf(root).toFile();
                } catch (IllegalArgumentException e) {
                    return false;
                }
                File base = directory;
                for (int i = 0; i < packageName.split("\\.").length; i++) {
                    base = base.getParentFile();
                }
                return directory(base, directory, packageName);
            }
            URLConnection connection = root.openConnection();
            return connection instanceof JarURLConnection jar && isJarRoot(jar, packageName) && jar(jar, packageName);
        }

        /**
         * The contribution by content of a class file whose time is on a whole second: a file system that
         * keeps seconds would keep that time across a recompilation, so the processor counted it by content
         * in the fingerprint by time, and so does this check, reading the file (few are: on a file system
         * with finer times, about one in 250 here, where times move by 4 ms).
         */
        private static long byContent(long pathCrc, File file) throws IOException {
            byte[] content = Files.readAllBytes(file.toPath());
            CRC32 crc = new CRC32();
            crc.update(content);
            return ClassFilesFingerprint.entry(pathCrc, content.length, crc.getValue());
        }

        private boolean directory(File base, File directory, String packageName) throws IOException {
            // listFiles(), not list(): it makes each File without normalising its path again.
            File[] files = directory.listFiles();
            if (files == null) {
                return true;
            }
            byte[] path = (packageName.replace('.', '/') + "/").getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            long fingerprint = 0;
            int classFiles = 0;
            for (File file : files) {
                String name = file.getName();
                if (name.endsWith(".class")) {
                    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                    crc.reset();
                    crc.update(path);
                    crc.update(bytes, 0, bytes.length - ".class".length());
                    long lastModified = file.lastModified();
                    fingerprint += lastModified % 1000 != 0
                            ? ClassFilesFingerprint.entry(crc.getValue(), lastModified, -1)
                            : byContent(crc.getValue(), file);
                    classFiles++;
                } else if (file.isDirectory() && !directory(base, file, packageName + "." + name)) {
                    return false;
                }
            }
            if (classFiles == 0) {
                return true;
            }
            File index = new File(base, ChangeIndex.resourceName(packageName));
            if (!index.isFile()) {
                return false;
            }
            byte[] headBytes;
            try (InputStream in = new FileInputStream(index)) {
                headBytes = ChangeIndex.readHead(in);
            }
            Optional<ChangeIndex.Head> head = head(packageName, base.getPath(), headBytes, index.length());
            if (head.isEmpty()
                    || head.get().classFiles() != classFiles
                    || head.get().byTime().isEmpty()
                    || head.get().byTime().get() != fingerprint) {
                return false;
            }
            Path file = index.toPath();
            add(new Located(head.get(), () -> Files.readAllBytes(file), base.getPath()));
            return true;
        }

        /**
         * One pass over the jar's central directory ({@link JarCentralDirectory}) gives the number of
         * class files under the package, sub-packages included, and their aggregate fingerprint by
         * content; the heads of the indexes found there must add up to both. A directory inside a jar
         * file (Spring Boot's {@code BOOT-INF/classes/}) is counted from the class loader's own view
         * ({@link #nestedClasses}). A jar that is not a plain file, or that the pass does not follow, is
         * left to the full check.
         */
        private boolean jar(JarURLConnection connection, String packageName) throws IOException {
            URL jarFile = connection.getJarFileURL();
            Optional<NestedClassesRoot> nested = NestedClassesRoot.of(jarFile);
            if (nested.isPresent()) {
                return nestedClasses(connection, nested.get(), packageName);
            }
            if (!"file".equals(jarFile.getProtocol())) {
                return false;
            }
            Optional<JarCentralDirectory.PackageTree> read;
            try {
                read = JarCentralDirectory.read(ClassPathScanner.directoryOf(jarFile), packageName);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (read.isEmpty()) {
                return false;
            }
            JarCentralDirectory.PackageTree tree = read.get();
            if (tree.indexes().isEmpty()) {
                return tree.classFiles() == 0;
            }
            URL root = connection.getURL();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                Heads heads = new Heads(jar.getName());
                for (String entryName : tree.indexes()) {
                    JarEntry entry = jar.getJarEntry(entryName);
                    if (entry == null || !heads.add(jar, entry, () -> readFresh(new URL(root, "/" + entryName)))) {
                        return false;
                    }
                }
                return heads.addUpTo(tree.classFiles(), tree.byContent());
            }
        }

        /**
         * The same count and fingerprint for a directory inside a jar file (Spring Boot's
         * {@code BOOT-INF/classes/}), taken from the entries of the directory as the class loader serves it
         * (and as the scanner lists it): Boot's class loader keeps the jar it opened at launch, which may no
         * longer be the file at that path (a deployment moving a new jar into place), so the file's own
         * central directory cannot vouch for the classes. The indexes are those beside the classes and
         * those at the root of the jar file, where Boot's repackaging moves {@code META-INF/}; wherever
         * they are read from, only heads that add up to these class files are used. A package indexed in
         * both places, or classes of the package under {@code META-INF/versions/}, are left to the full
         * check.
         */
        private boolean nestedClasses(JarURLConnection connection, NestedClassesRoot nested, String packageName)
                throws IOException {
            String path = packageName.replace('.', '/') + "/";
            URL root = connection.getURL();
            CRC32 crc = new CRC32();
            int classFiles = 0;
            long byContent = 0;
            Heads heads = new Heads(nested.describe());
            connection.setUseCaches(false);
            try (JarFile view = connection.getJarFile()) {
                Enumeration<JarEntry> entries = view.entries();
                List<JarEntry> beside = new ArrayList<>();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (name.startsWith(path) && name.endsWith(".class")) {
                        crc.reset();
                        crc.update(name.substring(0, name.length() - ".class".length())
                                .getBytes(StandardCharsets.UTF_8));
                        byContent += ClassFilesFingerprint.entry(crc.getValue(), entry.getSize(), entry.getCrc());
                        classFiles++;
                    } else if (name.startsWith(VERSIONS) && name.indexOf(path, VERSIONS.length()) > 0) {
                        return false;
                    } else if (isIndexUnder(name, packageName)) {
                        beside.add(entry);
                    }
                }
                for (JarEntry entry : beside) {
                    if (!heads.add(view, entry, () -> readFresh(new URL(root, "/" + entry.getName())))) {
                        return false;
                    }
                }
            }
            Path file = nested.jar();
            try (JarFile outer = new JarFile(file.toFile())) {
                Enumeration<JarEntry> entries = outer.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (isIndexUnder(entry.getName(), packageName)
                            && !heads.add(outer, entry, () -> readEntry(file, entry.getName()))) {
                        return false;
                    }
                }
            }
            return heads.isEmpty() ? classFiles == 0 : heads.addUpTo(classFiles, byContent);
        }

        /**
         * The heads of the indexes found in one class path root, added up to compare with its class files
         * by count and fingerprint.
         */
        private final class Heads {
            private final String root;
            private final Set<String> packages = new HashSet<>();
            private final List<Located> indexes = new ArrayList<>();
            private int classFiles;
            private long byContent;

            Heads(String root) {
                this.root = root;
            }

            /**
             * Reads the head of the index {@code entry} of {@code jar}; false when it is not usable
             * ({@link #head}) or its package has an index in this root already (a fat jar's root and its
             * {@code BOOT-INF/classes/}, or one entry twice), which the full check refuses.
             */
            boolean add(JarFile jar, JarEntry entry, IndexFileReader rest) throws IOException {
                String indexedPackage = indexedPackage(entry.getName());
                if (!packages.add(indexedPackage) || entry.getSize() < 0) {
                    return false;
                }
                byte[] headBytes;
                try (InputStream in = jar.getInputStream(entry)) {
                    headBytes = ChangeIndex.readHead(in);
                }
                Optional<ChangeIndex.Head> head = head(indexedPackage, root, headBytes, entry.getSize());
                if (head.isEmpty()) {
                    return false;
                }
                classFiles += head.get().classFiles();
                byContent += head.get().byContent();
                indexes.add(new Located(head.get(), rest, root));
                return true;
            }

            boolean isEmpty() {
                return indexes.isEmpty();
            }

            /** Whether the heads add up to the class files found; if they do, the indexes are found. */
            boolean addUpTo(int foundClassFiles, long foundByContent) {
                if (classFiles != foundClassFiles || byContent != foundByContent) {
                    return false;
                }
                indexes.forEach(QuickCheck.this::add);
                return true;
            }
        }

        /** The bytes of entry {@code entryName} of the jar {@code file}. */
        private static byte[] readEntry(Path file, String entryName) throws IOException {
            try (JarFile jar = new JarFile(file.toFile())) {
                JarEntry entry = jar.getJarEntry(entryName);
                if (entry == null) {
                    throw new IOException(entryName + " is no longer in " + file);
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    return in.readAllBytes();
                }
            }
        }

        /**
         * The bytes behind {@code url}, read without the JDK's cache of open jars. The URL is made
         * relative to the package's own {@code jar:} URL as the class loader gave it (encoded or not),
         * only when the rest of the index is needed.
         */
        private static byte[] readFresh(URL url) throws IOException {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                return in.readAllBytes();
            }
        }

        /**
         * The head of {@code packageName}'s index in {@code root} ({@code headBytes}, of a file of
         * {@code indexLength} bytes), when it is intact and needs nothing the full check must look at:
         * the package is in no other class path root, no class carries another tool's change-unit
         * annotation, and its change units agree with its annotations. Its counts and fingerprints are
         * for the caller to compare.
         */
        private Optional<ChangeIndex.Head> head(String packageName, String root, byte[] headBytes, long indexLength) {
            String previous = rootOfPackage.putIfAbsent(packageName, root);
            if (previous != null && !previous.equals(root)) {
                return Optional.empty();
            }
            if (!(ChangeIndex.parseHead(packageName, headBytes, indexLength)
                    instanceof ChangeIndex.ParsedHead.Usable usable)) {
                return Optional.empty();
            }
            ChangeIndex.Head head = usable.head();
            if (head.annotations().stream().anyMatch(IndexLookup::isOtherChangeUnitAnnotation)
                    || (head.units() > 0) != head.annotations().contains(CHANGE_UNIT)) {
                return Optional.empty();
            }
            return Optional.of(head);
        }

        /** Adds an index checked by the quick check, once whatever the number of scanned packages it is under. */
        private void add(Located located) {
            String packageName = located.head().packageName();
            if (found.stream().noneMatch(known -> known.head().packageName().equals(packageName))) {
                found.add(located);
            }
        }
    }

    /**
     * Whether {@code index} is in a class path root that holds classes of {@code packageName} too: the
     * package is then split across roots (a test output holding a fixture in the change units' package,
     * say), rather than its index moved away from its classes. Asked only when a root lacks the index.
     */
    private static boolean besideSomeOfItsClasses(URL index, String packageName, ClassLoader loader)
            throws IOException {
        String indexRoot = withoutSuffix(index.toString(), ChangeIndex.resourceName(packageName));
        String path = packageName.replace('.', '/');
        for (URL root : Collections.list(loader.getResources(path))) {
            String text = root.toString();
            if (withoutSuffix(text.endsWith("/") ? text.substring(0, text.length() - 1) : text, path)
                    .equals(indexRoot)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the jar entry {@code name} is the index of {@code packageName} or of a package under it. */
    private static boolean isIndexUnder(String name, String packageName) {
        if (!name.startsWith(ChangeIndex.DIRECTORY) || !name.endsWith(".idx")) {
            return false;
        }
        String indexed = indexedPackage(name);
        return indexed.equals(packageName) || indexed.startsWith(packageName + ".");
    }

    /** The package an index entry of a jar describes: {@code META-INF/tidemark/index/<package>.idx}. */
    private static String indexedPackage(String entryName) {
        return entryName.substring(ChangeIndex.DIRECTORY.length(), entryName.length() - ".idx".length());
    }

    private static String withoutSuffix(String text, String suffix) {
        return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
    }

    private static Result.NotIndexed stale(String packageName, Listing listing, String why) {
        return new Result.NotIndexed(
                "the index of package " + packageName + " in " + listing.describe() + " is stale: " + why, true);
    }

    /** Why {@code index} does not describe the class files {@code present}, or empty when it does. */
    private static Optional<String> compare(ChangeIndex index, Map<String, Found> present) throws IOException {
        if (!index.classes().keySet().equals(present.keySet())) {
            TreeSet<String> added = new TreeSet<>(present.keySet());
            added.removeAll(index.classes().keySet());
            TreeSet<String> removed = new TreeSet<>(index.classes().keySet());
            removed.removeAll(present.keySet());
            return Optional.of((added.isEmpty() ? "" : "class files added since it was written: " + first(added))
                    + (added.isEmpty() || removed.isEmpty() ? "" : "; ")
                    + (removed.isEmpty() ? "" : "class files it lists are gone: " + first(removed)));
        }
        for (Map.Entry<String, Found> entry : present.entrySet()) {
            ChangeIndex.ClassFile expected = index.classes().get(entry.getKey());
            if (entry.getValue().size() != expected.size() || !entry.getValue().matches(expected)) {
                return Optional.of("class file " + entry.getKey() + ".class changed since it was written "
                        + "(recompiled without the processor?)");
            }
        }
        Set<String> units = new HashSet<>();
        index.units().forEach(unit -> units.add(unit.className()));
        for (Map.Entry<String, ChangeIndex.ClassFile> entry : index.classes().entrySet()) {
            List<String> annotations = entry.getValue().annotations();
            if (annotations.contains(CHANGE_UNIT) != units.contains(entry.getKey())) {
                return Optional.of("its change units do not agree with the annotations it lists for " + entry.getKey());
            }
            for (String annotation : annotations) {
                if (isOtherChangeUnitAnnotation(annotation)) {
                    return Optional.of(entry.getKey() + " is annotated with " + annotation + ", which the index does "
                            + "not describe");
                }
            }
        }
        if (!units.stream().allMatch(index.classes()::containsKey)) {
            return Optional.of("it lists change units without class files");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code annotation} (a binary name) may make the scanner take its class for a change unit
     * that the index does not describe: one of {@link #OTHER_CHANGE_UNIT_ANNOTATIONS}, or any annotation
     * but Tidemark's own whose simple name is {@code ChangeUnit} or {@code ChangeLog}.
     */
    static boolean isOtherChangeUnitAnnotation(String annotation) {
        if (annotation.equals(CHANGE_UNIT)) {
            return false;
        }
        int start = Math.max(annotation.lastIndexOf('.'), annotation.lastIndexOf('$')) + 1;
        String simpleName = annotation.substring(start);
        return OTHER_CHANGE_UNIT_ANNOTATIONS.contains(annotation) || CHANGE_UNIT_LIKE_NAMES.contains(simpleName);
    }

    private static String first(TreeSet<String> names) {
        return String.join(", ", names.stream().limit(5).toList())
                + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    }

    /**
     * Whether the class path root the package was found in is the jar itself, where the index check
     * reads the package's entries; a directory inside a jar (a web-app's {@code WEB-INF/classes/} in a
     * war it did not unpack), whose entries carry that directory's name, is left to the scan.
     */
    private static boolean isJarRoot(JarURLConnection connection, String packageName) {
        return ClassPathScanner.classPathPrefix(connection, packageName.replace('.', '/'))
                .filter(String::isEmpty)
                .isPresent();
    }

    private static Optional<Listing> list(URL root, String packageName) throws IOException {
        if ("file".equals(root.getProtocol())) {
            try {
                return Optional.of(
                        new DirectoryListing(ClassPathScanner.directoryOf(root).toFile(), packageName));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jar) || !isJarRoot(jar, packageName)) {
            return Optional.empty();
        }
        Optional<NestedClassesRoot> nested = NestedClassesRoot.of(jar.getJarFileURL());
        jar.setUseCaches(false);
        try (JarFile file = jar.getJarFile()) {
            if (nested.isEmpty()) {
                return Optional.of(new JarListing(file, file.getName(), packageName));
            }
            // The class files as the class loader serves them (and as the scanner lists them), and the
            // indexes both beside them and at the root of the jar file, where Boot's repackaging moves
            // META-INF/: read from the file, as the parent class loader reads them, and only trusted if
            // they describe those class files exactly.
            JarListing listing = new JarListing(file, nested.get().describe(), packageName);
            try (JarFile outer = new JarFile(nested.get().jar().toFile())) {
                listing.addIndexes(outer, packageName);
            }
            return Optional.of(listing);
        }
    }

    /** A package tree in a directory: listed by name; sizes and times from the file system. */
    private static final class DirectoryListing implements Listing {
        private final File base;
        private final Map<String, Map<String, Found>> byPackage = new LinkedHashMap<>();

        DirectoryListing(File directory, String packageName) {
            File top = directory;
            for (int i = 0; i < packageName.split("\\.").length; i++) {
                top = top.getParentFile();
            }
            this.base = top;
            walk(directory, packageName);
        }

        private void walk(File directory, String packageName) {
            String[] names = directory.list();
            if (names == null) {
                return;
            }
            Map<String, Found> classes = new HashMap<>();
            for (String name : names) {
                File file = new File(directory, name);
                if (name.endsWith(".class")) {
                    classes.put(name.substring(0, name.length() - ".class".length()), new FileFound(file));
                } else if (file.isDirectory()) {
                    walk(file, packageName + "." + name);
                }
            }
            if (!classes.isEmpty()) {
                byPackage.put(packageName, classes);
            }
        }

        @Override
        public Map<String, Map<String, Found>> byPackage() {
            return byPackage;
        }

        @Override
        public Optional<byte[]> index(String packageName) throws IOException {
            File file = new File(base, ChangeIndex.resourceName(packageName));
            return file.isFile() ? Optional.of(Files.readAllBytes(file.toPath())) : Optional.empty();
        }

        @Override
        public boolean hasIndexes() {
            String[] indexes = new File(base, ChangeIndex.DIRECTORY).list();
            return indexes != null && indexes.length > 0;
        }

        @Override
        public String describe() {
            return base.getPath();
        }
    }

    /** A class file in a directory. */
    private record FileFound(File file) implements Found {
        @Override
        public long size() {
            return file.length();
        }

        /**
         * The same modification time vouches for the content only where times are fine-grained: a time on
         * a whole second may come from a file system that keeps seconds (ext3, HFS+, FAT keeps two), where
         * a recompilation within the same second would keep it, so then the content is compared.
         */
        @Override
        public boolean matches(ChangeIndex.ClassFile expected) throws IOException {
            if (expected.lastModified() % 1000 != 0 && file.lastModified() == expected.lastModified()) {
                return true;
            }
            CRC32 crc = new CRC32();
            crc.update(Files.readAllBytes(file.toPath()));
            return crc.getValue() == expected.crc32();
        }
    }

    /**
     * A package tree in a jar: names, sizes and CRC-32s from the jar's central directory. For a
     * directory inside a jar file (Spring Boot's {@code BOOT-INF/classes/}), the jar is that directory as
     * the class loader serves it, and the indexes at the root of the jar file are added
     * ({@link #addIndexes}).
     */
    private static final class JarListing implements Listing {
        private final Map<String, Map<String, Found>> byPackage = new LinkedHashMap<>();
        private final Map<String, byte[]> indexes = new HashMap<>();
        private final String describe;
        private String versioned;
        /** A package with two indexes: at the root of the jar file and beside its classes. */
        private String twice;

        JarListing(JarFile jar, String describe, String packageName) throws IOException {
            this.describe = describe;
            String prefix = packageName.replace('.', '/') + "/";
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(prefix) && name.endsWith(".class")) {
                    int slash = name.lastIndexOf('/');
                    byPackage
                            .computeIfAbsent(name.substring(0, slash).replace('/', '.'), k -> new HashMap<>())
                            .put(
                                    name.substring(slash + 1, name.length() - ".class".length()),
                                    new EntryFound(entry.getSize(), entry.getCrc()));
                } else if (name.startsWith(VERSIONS) && name.endsWith(".class") && versioned == null) {
                    int slash = name.indexOf('/', VERSIONS.length());
                    if (slash > 0 && name.startsWith(prefix, slash + 1)) {
                        versioned = name;
                    }
                } else {
                    addIndex(jar, entry, packageName);
                }
            }
        }

        /** Reads the indexes of {@code packageName} and the packages under it that {@code jar} holds. */
        void addIndexes(JarFile jar, String packageName) throws IOException {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                addIndex(jar, entries.nextElement(), packageName);
            }
        }

        /** Reads {@code entry} when it is an index of {@code packageName} or of a package under it. */
        private void addIndex(JarFile jar, JarEntry entry, String packageName) throws IOException {
            if (!isIndexUnder(entry.getName(), packageName)) {
                return;
            }
            String indexed = indexedPackage(entry.getName());
            try (InputStream in = jar.getInputStream(entry)) {
                if (indexes.put(indexed, in.readAllBytes()) != null) {
                    twice = indexed;
                }
            }
        }

        @Override
        public Map<String, Map<String, Found>> byPackage() {
            return byPackage;
        }

        @Override
        public Optional<byte[]> index(String packageName) {
            return Optional.ofNullable(indexes.get(packageName));
        }

        @Override
        public boolean hasIndexes() {
            return !indexes.isEmpty();
        }

        @Override
        public Optional<String> undescribed() {
            if (twice != null) {
                return Optional.of(
                        "package " + twice + " has two indexes in " + describe + " (at the root of the "
                                + "jar file and beside its classes, or one entry twice), and only one can describe its classes");
            }
            return Optional.ofNullable(versioned)
                    .map(name -> "this multi-release jar holds " + name + ", a class of the package for another "
                            + "Java version that the class loader may load instead, and that no index describes");
        }

        @Override
        public String describe() {
            return describe;
        }
    }

    /** A class file in a jar, as its central directory describes it. */
    private record EntryFound(long size, long crc32) implements Found {
        @Override
        public boolean matches(ChangeIndex.ClassFile expected) {
            return crc32 == expected.crc32();
        }
    }
}
