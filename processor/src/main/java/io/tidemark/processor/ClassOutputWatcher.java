package io.tidemark.processor;

import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Completes the indexes once javac has written the class files: an annotation processor runs before
 * any class file exists, so the fingerprints (size, CRC-32, last-modified time of each class file)
 * can only be taken at the end of the compilation. Registered with javac as a task listener, it
 * notes every class javac generates, and when the compilation finishes it replaces each pending
 * index with a complete one, or with a stale one saying why not.
 *
 * <p>An index is completed only when the class files in its package's output directory are exactly
 * those this compilation generated: a class file that is there but was not generated now (left by an
 * earlier, partial or incremental compilation, or by a deleted source) means the processor did not
 * see the whole package, and the index says {@code stale} instead, so the run time scans.
 *
 * <p>The annotations of every class file are also taken from the class javac generates, not only from
 * the classes the processor examined: javac compiles a class that a compiled source uses from the source
 * path without running any processor on it ("implicitly"), and the processor never sees local classes.
 * Such a class annotated {@code @ChangeUnit} is a change unit the index would not describe, so its
 * package's index is written {@code stale}; another tool's change-unit annotation is listed, which makes
 * the run time scan.
 */
final class ClassOutputWatcher implements TaskListener {

    private final Elements elements;
    private final Set<String> generated = new HashSet<>();
    /** The annotations of each generated class, by binary name, as javac generated it. */
    private final Map<String, List<String>> generatedAnnotations = new HashMap<>();

    private final Map<String, List<String>> annotations;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private Runnable onFinished = () -> {};

    /**
     * @param elements    the compiler's element utilities
     * @param annotations the annotations on each class the processor saw, by binary name (filled while
     *                    the processor runs, read when the compilation finishes)
     */
    ClassOutputWatcher(Elements elements, Map<String, List<String>> annotations) {
        this.elements = elements;
        this.annotations = annotations;
    }

    /**
     * An index waiting for the class files.
     *
     * @param file    the index file, already holding a {@code pending} index
     * @param units   the package's change units, in run order
     */
    record Pending(Path file, List<IndexedChangeUnit> units) {}

    /** Completes {@code index} when the compilation finishes. */
    void await(String packageName, Pending index) {
        pending.put(packageName, index);
    }

    /** Runs {@code action} after every index was completed (or marked stale). */
    void whenFinished(Runnable action) {
        this.onFinished = action;
    }

    /** Whether every index was completed; meaningful after the compilation finished. */
    boolean allComplete() {
        return pending.isEmpty();
    }

    @Override
    public void finished(TaskEvent event) {
        if (event.getKind() == TaskEvent.Kind.GENERATE && event.getTypeElement() != null) {
            TypeElement type = event.getTypeElement();
            String name = elements.getBinaryName(type).toString();
            generated.add(name);
            generatedAnnotations.put(name, annotationsOf(type));
        } else if (event.getKind() == TaskEvent.Kind.COMPILATION) {
            complete();
        }
    }

    private List<String> annotationsOf(TypeElement type) {
        List<String> names = new ArrayList<>();
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            if (mirror.getAnnotationType().asElement() instanceof TypeElement annotation) {
                names.add(elements.getBinaryName(annotation).toString());
            }
        }
        return List.copyOf(names);
    }

    /** The annotations of class {@code binaryName}: those the processor noted, and those javac generated it with. */
    private List<String> annotationsOf(String binaryName) {
        Set<String> names = new LinkedHashSet<>(annotations.getOrDefault(binaryName, List.of()));
        names.addAll(generatedAnnotations.getOrDefault(binaryName, List.of()));
        return List.copyOf(names);
    }

    private void complete() {
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, Pending> entry : pending.entrySet()) {
            String packageName = entry.getKey();
            Pending index = entry.getValue();
            String text;
            try {
                text = completed(packageName, index);
                done.add(packageName);
            } catch (Incomplete e) {
                text = IndexFile.unusable(packageName, "stale", e.getMessage());
            }
            write(index.file(), text);
        }
        done.forEach(pending::remove);
        onFinished.run();
    }

    private String completed(String packageName, Pending index) throws Incomplete {
        Path directory = index.file()
                .getParent()
                .getParent()
                .getParent()
                .getParent()
                .resolve(packageName.replace('.', File.separatorChar));
        String[] names = directory.toFile().list();
        if (generated.stream().noneMatch(name -> name.startsWith(packageName + "."))) {
            throw new Incomplete("javac generated no class file of the package (annotation processing only, as with "
                    + "-proc:only or Kotlin's kapt, whose class files the Kotlin compiler writes afterwards)");
        }
        if (names == null) {
            throw new Incomplete("the class output directory " + directory + " could not be listed");
        }
        TreeSet<String> found = new TreeSet<>();
        Arrays.stream(names).filter(n -> n.endsWith(".class")).forEach(n -> found.add(n.substring(0, n.length() - 6)));
        List<String> leftOver = found.stream()
                .filter(n -> !generated.contains(packageName + "." + n))
                .toList();
        if (!leftOver.isEmpty()) {
            throw new Incomplete("this compilation did not compile every class of the package (class files of "
                    + leftOver.stream().limit(5).toList()
                    + (leftOver.size() > 5 ? " and " + (leftOver.size() - 5) + " more" : "")
                    + " are from an earlier one: an incremental compilation, or sources since "
                    + "deleted); a clean, full build writes a complete index");
        }
        Set<String> units = new HashSet<>();
        for (IndexedChangeUnit unit : index.units()) {
            if (!found.contains(unit.simpleBinaryName())) {
                throw new Incomplete("no class file was written for " + unit.binaryName());
            }
            units.add(unit.simpleBinaryName());
        }
        for (String name : found) {
            if (!units.contains(name)
                    && annotationsOf(packageName + "." + name).contains(ChangeUnitReader.CHANGE_UNIT)) {
                throw new Incomplete(packageName + "." + name + " is annotated @ChangeUnit but the processor did not "
                        + "examine it (javac compiled it implicitly, from the source path, without annotation "
                        + "processing; or it is a local class); compile every source of the module together");
            }
        }
        List<IndexFile.ClassFile> classFiles = new ArrayList<>();
        for (String name : found) {
            Path file = directory.resolve(name + ".class");
            try {
                byte[] bytes = Files.readAllBytes(file);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                classFiles.add(new IndexFile.ClassFile(
                        name,
                        bytes.length,
                        crc.getValue(),
                        Files.getLastModifiedTime(file).toMillis(),
                        annotationsOf(packageName + "." + name)));
            } catch (IOException e) {
                throw new Incomplete("class file " + file + " could not be read: " + e);
            }
        }
        return IndexFile.complete(packageName, classFiles, index.units());
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Tidemark's processor could not write " + file, e);
        }
    }

    /** Why an index cannot be completed. */
    private static final class Incomplete extends Exception {
        private static final long serialVersionUID = 1L;

        Incomplete(String reason) {
            super(reason);
        }
    }
}
