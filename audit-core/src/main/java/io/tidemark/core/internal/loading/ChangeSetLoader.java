package io.tidemark.core.internal.loading;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.internal.text.RecordText;
import io.tidemark.spi.TransactionSupport;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns change-unit classes into a validated {@link ChangeSet}, collecting every problem before
 * failing so that one {@link ConfigurationException} lists them all: missing annotation, blank id,
 * malformed order, duplicate ids or orders, no or several {@code @Execution} methods, several
 * {@code @RollbackExecution} methods, classes that cannot be instantiated, parameters nothing can
 * supply, transaction handles the store cannot give, rollbacks of transactional changes, and change
 * units whose class (or a class it needs) cannot be loaded.
 *
 * <p>Classes are inspected without being initialised: no change unit's static initialiser runs here
 * (it runs when the engine first constructs the change unit).
 *
 * <p>An <em>inspect-only</em> loader reads change units that will not be run (to plan or baseline them
 * from a tool that does not have the application's objects): it checks everything above except that
 * a registered dependency supplies each parameter; such parameters become
 * {@link ParameterSlot.Unresolved}.
 */
public final class ChangeSetLoader {

    private final Dependencies dependencies;
    private final Optional<TransactionSupport<?>> transactions;
    private final String storeDescription;
    private final ClassLoader loader;
    private final boolean inspectOnly;
    private final boolean withoutStore;

    /**
     * @param dependencies     what parameters may receive
     * @param transactions     the store's transaction support, when it has one
     * @param storeDescription the store, named in messages
     * @param loader           where packages are scanned
     */
    public ChangeSetLoader(
            Dependencies dependencies,
            Optional<TransactionSupport<?>> transactions,
            String storeDescription,
            ClassLoader loader) {
        this(dependencies, transactions, storeDescription, loader, false, false);
    }

    /**
     * @param dependencies     what parameters may receive
     * @param transactions     the store's transaction support, when it has one
     * @param storeDescription the store, named in messages
     * @param loader           where packages are scanned
     * @param inspectOnly      whether the change units are only inspected, never run (see the class
     *                         description)
     */
    public ChangeSetLoader(
            Dependencies dependencies,
            Optional<TransactionSupport<?>> transactions,
            String storeDescription,
            ClassLoader loader,
            boolean inspectOnly) {
        this(dependencies, transactions, storeDescription, loader, inspectOnly, false);
    }

    private ChangeSetLoader(
            Dependencies dependencies,
            Optional<TransactionSupport<?>> transactions,
            String storeDescription,
            ClassLoader loader,
            boolean inspectOnly,
            boolean withoutStore) {
        this.dependencies = dependencies;
        this.transactions = transactions;
        this.storeDescription = storeDescription;
        this.loader = loader;
        this.inspectOnly = inspectOnly;
        this.withoutStore = withoutStore;
    }

    /**
     * A loader that validates without a store: a parameter of exactly {@code handleType} is taken for
     * the store's transaction handle, and the store is assumed able to run transactions (only a store
     * can tell). The change set it loads must not be run.
     *
     * @param dependencies what parameters may receive, declared types included ({@link Dependencies#declare})
     * @param handleType   the transaction handle type of the store the change set will run with, if known
     * @param loader       where packages are scanned
     */
    public static ChangeSetLoader withoutStore(
            Dependencies dependencies, Optional<Class<?>> handleType, ClassLoader loader) {
        return new ChangeSetLoader(
                dependencies,
                handleType.map(ChangeSetLoader::declared),
                "the validation (no store)",
                loader,
                false,
                true);
    }

    private static <H> TransactionSupport<?> declared(Class<H> handleType) {
        return new DeclaredHandle<>(handleType);
    }

    /** The transaction support a validation without a store assumes: the declared handle type, available. */
    private record DeclaredHandle<H>(Class<H> handleType) implements TransactionSupport<H> {
        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }

        @Override
        public Transaction<H> begin() {
            throw new IllegalStateException("A change set validated without a store cannot be run");
        }
    }

    /** Whether this runs in a GraalVM native image, which sets this property to {@code runtime}. */
    private static boolean inNativeImage() {
        return "runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"));
    }

    /** Validates the classes given and those found in {@code packages}. */
    public ChangeSet load(List<Class<?>> classes, List<String> packages) {
        List<String> problems = new ArrayList<>();
        Set<Class<?>> all = new LinkedHashSet<>(classes);
        ClassPathScanner scanner = new ClassPathScanner(loader);
        for (String packageName : packages) {
            ClassPathScanner.Scan scan = scanner.changeUnitsIn(packageName);
            List<Class<?>> found = scan.changeUnits();
            problems.addAll(scan.problems());
            if (found.isEmpty() && scan.problems().isEmpty()) {
                problems.add("Package " + packageName + " holds no @ChangeUnit class: "
                        + (inNativeImage()
                                ? "a GraalVM native image has no class files to list, so no package can be scanned"
                                        + " there; name the change units with changeUnits(...)"
                                : "check the package name, or that its classes are on the class path of " + loader));
            }
            all.addAll(found);
        }
        if (all.isEmpty() && packages.isEmpty()) {
            problems.add("No change units: pass classes with changeUnits(...) or a package with scanPackage(...)");
        }
        List<ChangeDefinition> definitions = new ArrayList<>();
        MongockChangeUnits mongock = new MongockChangeUnits(this);
        for (Class<?> type : all) {
            if (isMongockOnly(type)) {
                definitions.addAll(mongock.define(type, problems));
            } else {
                define(type, problems).ifPresent(definitions::add);
            }
        }
        checkUnique(definitions, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return ChangeSet.of(ChangeOrder.sorted(definitions));
    }

    /**
     * Whether {@code type} carries Mongock's annotations and not Tidemark's. A class whose annotations
     * cannot be read (a type they need missing from the class path) is left to {@link #define}, which
     * reports it.
     */
    private static boolean isMongockOnly(Class<?> type) {
        try {
            return MongockChangeUnits.recognises(type) && !type.isAnnotationPresent(ChangeUnit.class);
        } catch (LinkageError | TypeNotPresentException e) {
            return false;
        }
    }

    /**
     * The definition of {@code type}, or empty with its problems added. A class the JVM cannot finish
     * loading while it is inspected (a parameter's type or a superclass missing from the class path)
     * is one problem, naming it.
     */
    private Optional<ChangeDefinition> define(Class<?> type, List<String> problems) {
        try {
            return defineLoaded(type, problems);
        } catch (LinkageError | TypeNotPresentException e) {
            problems.add(type.getName() + " cannot be loaded: " + LoadFailures.describe(e));
            return Optional.empty();
        }
    }

    private Optional<ChangeDefinition> defineLoaded(Class<?> type, List<String> problems) {
        ChangeUnit unit = type.getAnnotation(ChangeUnit.class);
        String name = type.getName();
        if (unit == null) {
            problems.add(name + " is not annotated with @ChangeUnit: annotate it, or do not pass it as a change unit");
            return Optional.empty();
        }
        int before = problems.size();
        if (MongockChangeUnits.recognises(type)) {
            problems.add(name + " is annotated with both Tidemark's @ChangeUnit and Mongock's @ChangeUnit or "
                    + "@ChangeLog: keep one (Tidemark reads Mongock's as they are)");
        }
        if (unit.id().isBlank()) {
            problems.add(name + ": @ChangeUnit id is blank; give it a unique, stable id");
        }
        RecordText.problemWithIdentifier(unit.id(), "@ChangeUnit id", RecordText.MAX_ID_LENGTH)
                .ifPresent(p -> problems.add(name + ": " + p));
        RecordText.problemWithIdentifier(unit.author(), "@ChangeUnit author", RecordText.MAX_ID_LENGTH)
                .ifPresent(p -> problems.add(name + ": " + p));
        RecordText.problemWithIdentifier(name, "class name", RecordText.MAX_NAME_LENGTH)
                .ifPresent(p -> problems.add(name + ": " + p));
        VersionOrder.problemWith(unit.order()).ifPresent(p -> problems.add(name + ": @ChangeUnit order " + p));
        Constructor<?> constructor = constructorOf(type, problems);
        List<ParameterSlot> constructorArgs =
                constructor == null ? List.of() : slots(constructor, false, false, name, problems);

        List<Method> executions = annotated(type, Execution.class);
        List<Method> rollbacks = annotated(type, RollbackExecution.class);
        if (executions.isEmpty()) {
            problems.add(name + " has no @Execution method: annotate the one method that applies the change");
        } else if (executions.size() > 1) {
            problems.add(name + " has " + executions.size() + " @Execution methods (" + names(executions)
                    + "): keep exactly one");
        }
        if (rollbacks.size() > 1) {
            problems.add(name + " has " + rollbacks.size() + " @RollbackExecution methods (" + names(rollbacks)
                    + "): keep at most one");
        }
        List<ParameterSlot> executionArgs =
                executions.size() == 1 ? slots(executions.get(0), true, true, name, problems) : List.of();
        List<ParameterSlot> rollbackArgs =
                rollbacks.size() == 1 ? slots(rollbacks.get(0), true, false, name, problems) : List.of();
        if (!rollbacks.isEmpty()
                && executionArgs.stream().anyMatch(ParameterSlot.TransactionHandle.class::isInstance)) {
            problems.add(name + " takes the store's transaction handle and also has a @RollbackExecution: remove the "
                    + "rollback. A transactional change's writes commit together with its APPLIED record or not at all, "
                    + "so a failed attempt leaves nothing to undo (a rollback would undo data it never wrote); it simply "
                    + "runs again on the next start");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        executions.get(0).setAccessible(true);
        rollbacks.forEach(m -> m.setAccessible(true));
        return Optional.of(new ChangeDefinition(
                unit.id(),
                unit.order(),
                unit.author(),
                unit.description(),
                unit.recovery(),
                type,
                constructor,
                constructorArgs,
                executions.get(0),
                executionArgs,
                rollbacks.stream().findFirst(),
                rollbackArgs));
    }

    static Constructor<?> constructorOf(Class<?> type, List<String> problems) {
        String name = type.getName();
        int modifiers = type.getModifiers();
        if (type.isInterface() || Modifier.isAbstract(modifiers) || type.isEnum()) {
            problems.add(name
                    + " cannot be instantiated: it is an interface, abstract class or enum; make it a concrete class");
            return null;
        }
        if ((type.isMemberClass() && !Modifier.isStatic(modifiers)) || type.isLocalClass() || type.isAnonymousClass()) {
            problems.add(name
                    + " cannot be instantiated: it is an inner, local or anonymous class; make it top-level or static");
            return null;
        }
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        Optional<Constructor<?>> noArgs = Arrays.stream(constructors)
                .filter(c -> c.getParameterCount() == 0)
                .findFirst();
        Constructor<?> chosen = noArgs.orElse(constructors.length == 1 ? constructors[0] : null);
        if (chosen == null) {
            problems.add(name + " cannot be instantiated: it has " + constructors.length + " constructors and none "
                    + "without parameters; keep one constructor, or add one without parameters");
            return null;
        }
        try {
            chosen.setAccessible(true);
        } catch (RuntimeException e) {
            problems.add(name + " cannot be instantiated: its constructor is not accessible (" + e.getMessage()
                    + "); on the module path, open its package to io.tidemark.core (opens "
                    + type.getPackageName() + " to io.tidemark.core;)");
            return null;
        }
        return chosen;
    }

    List<ParameterSlot> slots(
            Executable executable, boolean contextAllowed, boolean handleAllowed, String owner, List<String> problems) {
        List<ParameterSlot> slots = new ArrayList<>();
        Parameter[] parameters = executable.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Class<?> type = parameters[i].getType();
            String where = owner + "." + (executable instanceof Constructor ? "<init>" : executable.getName())
                    + " parameter " + (i + 1) + " (" + type.getName() + ")";
            if (type == ChangeContext.class) {
                if (contextAllowed) {
                    slots.add(new ParameterSlot.Context());
                } else {
                    problems.add(where + ": ChangeContext is given to @Execution and @RollbackExecution methods, "
                            + "not to constructors; move the parameter");
                }
                continue;
            }
            Optional<Class<?>> handleType = transactions.map(TransactionSupport::handleType);
            if (handleType.isPresent() && type == handleType.get()) {
                if (!handleAllowed) {
                    problems.add(where + ": only the @Execution method can take the transaction handle; "
                            + (executable instanceof Method
                                    ? "a rollback runs after the transaction was aborted, so it has none to use"
                                    : "constructors run outside the transaction"));
                    continue;
                }
                Optional<String> unavailable = transactions.get().unavailableReason();
                if (unavailable.isPresent()) {
                    problems.add(where + ": this change unit needs a transaction, but " + storeDescription
                            + " cannot run transactions: " + unavailable.get());
                    continue;
                }
                slots.add(new ParameterSlot.TransactionHandle());
                continue;
            }
            Dependencies.Lookup lookup = dependencies.lookup(parameters[i]);
            if (lookup instanceof Dependencies.Lookup.Found found) {
                slots.add(new ParameterSlot.Dependency(found.value()));
            } else if (inspectOnly
                    && (lookup instanceof Dependencies.Lookup.Missing
                            || lookup instanceof Dependencies.Lookup.Unresolved)) {
                slots.add(new ParameterSlot.Unresolved(type));
            } else if (lookup instanceof Dependencies.Lookup.Unresolved unresolved) {
                problems.add(where + ": " + unresolved.problem());
            } else if (lookup instanceof Dependencies.Lookup.Ambiguous ambiguous) {
                problems.add(where + " is ambiguous: dependencies are registered under "
                        + ambiguous.candidates().stream().map(Class::getName).collect(Collectors.joining(" and "))
                        + "; declare the parameter with one of "
                        + "those exact types");
            } else {
                String handleHint = handleType
                        .filter(handle -> type.isAssignableFrom(handle))
                        .map(handle ->
                                " (if it is meant to be the store's transaction handle: declare the parameter as "
                                        + handle.getName() + "; only that exact type makes the change transactional)")
                        .orElse(transactions.isEmpty() ? noHandleHint() : "");
                problems.add(where + ": nothing supplies it; register an instance with dependency("
                        + type.getSimpleName() + ".class, value) on the builder" + handleHint);
            }
        }
        return slots;
    }

    /** The type of the store's transaction handle, when the store has transactions. */
    Optional<Class<?>> transactionHandleType() {
        return transactions.map(TransactionSupport::handleType);
    }

    /** Why a parameter may not be a transaction handle, when no handle type is known. */
    private String noHandleHint() {
        return withoutStore
                ? " (if it is the store's transaction handle: name its type to the validation, which has no store "
                        + "to ask)"
                : " (if it is a transaction handle: " + storeDescription + " offers no transactions)";
    }

    private static List<Method> annotated(Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(annotation) && !method.isBridge() && !method.isSynthetic()) {
                    bySignature.putIfAbsent(method.getName() + Arrays.toString(method.getParameterTypes()), method);
                }
            }
        }
        return new ArrayList<>(bySignature.values());
    }

    private static String names(List<Method> methods) {
        return methods.stream().map(Method::getName).sorted().collect(Collectors.joining(", "));
    }

    private static void checkUnique(List<ChangeDefinition> definitions, List<String> problems) {
        Map<String, List<String>> byId = new LinkedHashMap<>();
        for (ChangeDefinition d : definitions) {
            byId.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(d.type().getName());
        }
        byId.forEach((id, types) -> {
            if (types.size() > 1) {
                problems.add("Change id '" + id + "' is used by " + String.join(" and ", types)
                        + ": ids must be unique; give each change its own id");
            }
        });
        List<ChangeDefinition> sorted = new ArrayList<>(definitions);
        sorted.sort((a, b) -> VersionOrder.INSTANCE.compare(a.order(), b.order()));
        for (int i = 1; i < sorted.size(); i++) {
            ChangeDefinition previous = sorted.get(i - 1);
            ChangeDefinition current = sorted.get(i);
            boolean bothMongock =
                    previous.mongock().isPresent() && current.mongock().isPresent();
            if (!bothMongock && VersionOrder.INSTANCE.compare(previous.order(), current.order()) == 0) {
                problems.add("Changes " + previous.type().getName() + " (order '" + previous.order() + "') and "
                        + current.type().getName() + " (order '" + current.order() + "') have the same order: "
                        + "give each change a distinct order so that they run in a defined sequence");
            }
        }
    }
}
