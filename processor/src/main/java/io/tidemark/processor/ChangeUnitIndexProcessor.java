package io.tidemark.processor;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Tidemark's optional annotation processor. In a compilation that holds {@code @ChangeUnit} classes it
 * writes an index of every package of the compilation, {@code META-INF/tidemark/index/<package>.idx}
 * ({@link IndexFile}): of those without change units too, so that a scan of a package above the change
 * units (a Spring Boot application's own package, say) finds every package it lists indexed. For the
 * change units it writes the GraalVM reflection metadata,
 * {@code META-INF/native-image/<name>/reflect-config.json} ({@link ReflectConfig}). With an index, an idle start decides "nothing to do" without loading any
 * change-unit class; without one, Tidemark scans as it always does.
 *
 * <p>Never a partial index: an index is {@code complete} only if this compilation generated exactly
 * the class files that are in its package's output (checked by {@link ClassOutputWatcher} when javac
 * has written them). Otherwise, and whenever the class files cannot be seen (a compiler other than
 * javac, or kapt, whose class files come from the Kotlin compiler afterwards), the file says
 * {@code pending} or {@code stale} with the reason, which also neutralises an index an earlier build
 * left in the same output. The run time additionally checks each class file's name, size and
 * fingerprint against the index before trusting it.
 *
 * <p>Structural mistakes that would fail {@code build()} (no or several {@code @Execution} methods,
 * a blank id, an abstract or inner class, a duplicate id) fail the compilation instead.
 *
 * <p>Option {@code -Atidemark.nativeImage=<group>/<artifact>} names the folder of the
 * reflection metadata (default {@code tidemark/<first package>}).
 */
public final class ChangeUnitIndexProcessor extends AbstractProcessor {

    /** The processor option naming the native-image metadata folder. */
    public static final String NATIVE_IMAGE_NAME = "tidemark.nativeImage";

    /**
     * The option kapt gives every processor it runs (where generated Kotlin sources go): it tells this
     * processor that it runs on stubs and that no class file will be written while it runs.
     */
    static final String KAPT_GENERATED_OPTION = "kapt.kotlin.generated";

    /** Why an index written under kapt is never complete; the run time logs it when it scans instead. */
    static final String KAPT =
            "Kotlin's kapt runs the processor on Java stubs and the Kotlin compiler writes the class "
                    + "files afterwards, so they cannot be fingerprinted: change units compiled by kapt are scanned at "
                    + "run time (for an index, keep change units in Java sources that javac compiles with the processor)";

    private final Map<String, IndexedChangeUnit> unitsByName = new TreeMap<>();
    private final Set<String> compiledPackages = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();
    private ChangeUnitReader reader;
    private ClassOutputWatcher watcher;
    private String watcherUnavailable;
    private boolean written;

    /** Created by the compiler through {@code META-INF/services}. */
    public ChangeUnitIndexProcessor() {}

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(ChangeUnitReader.CHANGE_UNIT);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(NATIVE_IMAGE_NAME);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        reader = new ChangeUnitReader(environment.getElementUtils(), environment.getTypeUtils());
        if (environment.getOptions().containsKey(KAPT_GENERATED_OPTION)) {
            watcherUnavailable = KAPT;
            return;
        }
        try {
            ClassOutputWatcher listener = new ClassOutputWatcher(environment.getElementUtils());
            JavacTask.instance(environment).addTaskListener(listener);
            watcher = listener;
        } catch (RuntimeException | LinkageError e) {
            watcherUnavailable = "the compiler (" + environment.getClass().getName() + ") does not report the class "
                    + "files it writes, so they cannot be fingerprinted (with Kotlin's kapt the class files come from "
                    + "the Kotlin compiler afterwards): " + e;
        }
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element root : round.getRootElements()) {
            if (root instanceof TypeElement type) {
                compiledPackages.add(processingEnv
                        .getElementUtils()
                        .getPackageOf(type)
                        .getQualifiedName()
                        .toString());
            } else if (root instanceof PackageElement packageElement) {
                compiledPackages.add(packageElement.getQualifiedName().toString());
            }
        }
        TypeElement changeUnit = processingEnv.getElementUtils().getTypeElement(ChangeUnitReader.CHANGE_UNIT);
        if (changeUnit != null) {
            for (Element element : round.getElementsAnnotatedWith(changeUnit)) {
                if (element instanceof TypeElement type) {
                    read(type);
                }
            }
        }
        if (round.processingOver() && !written) {
            written = true;
            checkUniqueIds();
            writeOutputs();
        }
        return false;
    }

    private void read(TypeElement type) {
        ChangeUnitReader.Reading reading = reader.read(type);
        if (reading instanceof ChangeUnitReader.Reading.Read read) {
            unitsByName.put(read.unit().binaryName(), read.unit());
        } else if (reading instanceof ChangeUnitReader.Reading.Rejected rejected) {
            for (String problem : rejected.problems()) {
                problems.add(problem);
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, problem, type);
            }
        }
    }

    private void checkUniqueIds() {
        Map<String, List<String>> byId = new TreeMap<>();
        unitsByName
                .values()
                .forEach(u ->
                        byId.computeIfAbsent(u.id(), k -> new ArrayList<>()).add(u.binaryName()));
        byId.forEach((id, classes) -> {
            if (classes.size() > 1) {
                String problem = "Change id '" + id + "' is used by " + String.join(" and ", classes)
                        + ": ids must be unique; give each change its own id";
                problems.add(problem);
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, problem);
            }
        });
    }

    /**
     * Writes a {@code pending} index for every covered package (completed by the watcher once the class
     * files exist) and the reflection metadata.
     */
    private void writeOutputs() {
        Map<String, List<IndexedChangeUnit>> byPackage = new TreeMap<>();
        for (IndexedChangeUnit unit : unitsByName.values()) {
            byPackage
                    .computeIfAbsent(unit.packageName(), k -> new ArrayList<>())
                    .add(unit);
        }
        byPackage.remove("");
        if (byPackage.isEmpty()) {
            return;
        }
        // Every package of the compilation, not only those holding change units: a scan of any of them, or
        // of a package above them (a Spring Boot application's own package), then finds an index for every
        // package it lists, as long as the whole tree comes from this module.
        Set<String> covered = new LinkedHashSet<>(byPackage.keySet());
        compiledPackages.stream().filter(compiled -> !compiled.isEmpty()).forEach(covered::add);
        Filer filer = processingEnv.getFiler();
        for (String packageName : covered) {
            List<IndexedChangeUnit> units = new ArrayList<>(byPackage.getOrDefault(packageName, List.of()));
            units.sort(Comparator.comparing(IndexedChangeUnit::order, VersionOrdering.INSTANCE));
            String reason = !problems.isEmpty()
                    ? "the compilation reported problems with change units"
                    : watcher == null
                            ? watcherUnavailable
                            : "the compilation did not finish (the index is completed when javac has written the class files)";
            Optional<Path> file = create(
                    filer,
                    IndexFile.resourceName(packageName),
                    IndexFile.unusable(
                            packageName,
                            problems.isEmpty() && (watcher != null || KAPT.equals(watcherUnavailable))
                                    ? "pending"
                                    : "stale",
                            reason));
            if (file.isPresent() && problems.isEmpty() && watcher != null) {
                watcher.await(packageName, new ClassOutputWatcher.Pending(file.get(), units));
            }
        }
        String nativeName = Optional.ofNullable(processingEnv.getOptions().get(NATIVE_IMAGE_NAME))
                .orElse("tidemark/" + covered.iterator().next());
        Optional<Path> reflectConfig = create(
                filer,
                "META-INF/native-image/" + nativeName + "/reflect-config.json",
                problems.isEmpty() ? ReflectConfig.of(unitsByName.values()) : ReflectConfig.EMPTY);
        if (watcher != null && reflectConfig.isPresent()) {
            ClassOutputWatcher finishing = watcher;
            Path config = reflectConfig.get();
            finishing.whenFinished(() -> {
                if (!finishing.allComplete()) {
                    ReflectConfig.overwrite(config, ReflectConfig.EMPTY);
                }
            });
        }
    }

    /** Creates a resource in the class output through the Filer (so that build tools know it), returning its path. */
    private Optional<Path> create(Filer filer, String name, String text) {
        try {
            FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", name);
            try (Writer writer = file.openWriter()) {
                writer.write(text);
            }
            return "file".equals(file.toUri().getScheme()) ? Optional.of(Path.of(file.toUri())) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            processingEnv
                    .getMessager()
                    .printMessage(Diagnostic.Kind.NOTE, "Tidemark could not write " + name + ": " + e);
            return Optional.empty();
        }
    }
}
