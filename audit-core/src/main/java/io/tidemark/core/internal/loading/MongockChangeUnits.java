package io.tidemark.core.internal.loading;

import io.tidemark.api.Recovery;
import io.tidemark.core.internal.text.RecordText;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads change units written for Mongock, so that they run under Tidemark unchanged: Mongock 5's
 * {@code io.mongock.api.annotations.ChangeUnit} (with {@code @Execution}, {@code @RollbackExecution},
 * {@code @BeforeExecution}, {@code @RollbackBeforeExecution} and {@code @ChangeUnitConstructor}) and
 * Mongock 3 and 4's {@code com.github.cloudyrock.mongock.ChangeLog} with its {@code @ChangeSet} methods.
 * Annotations are recognised by their type's name and read by calling their attribute methods, so
 * Tidemark has no dependency on Mongock.
 *
 * <p>What each becomes:
 * <ul>
 *   <li>a {@code @ChangeUnit}: one change with Mongock's {@code id}, {@code order} and {@code author};
 *       its {@code @Execution} and {@code @RollbackExecution} methods. When the execution takes the store's
 *       transaction handle (as a transactional unit takes the {@code ClientSession} Mongock's MongoDB driver
 *       injects), the change is transactional and its rollback, which Mongock requires of every change
 *       unit, is not used: the aborted transaction of a failed attempt left nothing to undo;</li>
 *   <li>its {@code @BeforeExecution} method, when it has one: a change of its own, run right before
 *       the unit's execution and never inside a transaction, with the id Mongock records it under
 *       ({@code <id>_before}) and {@code @RollbackBeforeExecution} as its rollback;</li>
 *   <li>each {@code @ChangeSet} of a {@code @ChangeLog}: one change with the change set's {@code id}
 *       and {@code author}, recorded with the order {@code <change log order>.<change set order>}
 *       (the change set's order alone when the change log has none), without rollback;</li>
 *   <li>every such change runs in Mongock's order ({@link MongockPosition}).</li>
 * </ul>
 *
 * <p>What has no equivalent: {@code runAlways = true} fails the build (Tidemark runs a change once
 * per chain), with the workaround in the message. {@code failFast = false} is accepted and logged:
 * Tidemark stops a run at any failure. {@code transactional} and {@code systemVersion} are not used:
 * a change is transactional in Tidemark when its execution takes the store's transaction handle, and
 * every change unit given to the builder runs.
 */
final class MongockChangeUnits {

    static final String CHANGE_UNIT = "io.mongock.api.annotations.ChangeUnit";
    static final String EXECUTION = "io.mongock.api.annotations.Execution";
    static final String ROLLBACK_EXECUTION = "io.mongock.api.annotations.RollbackExecution";
    static final String BEFORE_EXECUTION = "io.mongock.api.annotations.BeforeExecution";
    static final String ROLLBACK_BEFORE_EXECUTION = "io.mongock.api.annotations.RollbackBeforeExecution";
    static final String CHANGE_UNIT_CONSTRUCTOR = "io.mongock.api.annotations.ChangeUnitConstructor";
    static final String CHANGE_LOG = "com.github.cloudyrock.mongock.ChangeLog";
    static final String CHANGE_SET = "com.github.cloudyrock.mongock.ChangeSet";

    /** The suffix Mongock appends to a change unit's id for the entry of its before-execution method. */
    static final String BEFORE_SUFFIX = "_before";

    private static final Logger log = LoggerFactory.getLogger(MongockChangeUnits.class);

    private final ChangeSetLoader loader;

    MongockChangeUnits(ChangeSetLoader loader) {
        this.loader = loader;
    }

    /** Whether {@code type} is annotated with Mongock's {@code @ChangeUnit} or legacy {@code @ChangeLog}. */
    static boolean recognises(Class<?> type) {
        return annotation(type, CHANGE_UNIT).isPresent()
                || annotation(type, CHANGE_LOG).isPresent();
    }

    /** The changes {@code type} holds, or none when it has problems (added to {@code problems}). */
    List<ChangeDefinition> define(Class<?> type, List<String> problems) {
        try {
            Optional<Annotation> unit = annotation(type, CHANGE_UNIT);
            return unit.isPresent()
                    ? defineUnit(type, unit.get(), problems)
                    : defineChangeLog(type, annotation(type, CHANGE_LOG).orElseThrow(), problems);
        } catch (AttributeException e) {
            problems.add(type.getName() + ": " + e.getMessage());
            return List.of();
        } catch (LinkageError | TypeNotPresentException e) {
            problems.add(type.getName() + " cannot be loaded: " + LoadFailures.describe(e));
            return List.of();
        }
    }

    private List<ChangeDefinition> defineUnit(Class<?> type, Annotation unit, List<String> problems) {
        String name = type.getName();
        int before = problems.size();
        String id = text(unit, "id");
        String order = text(unit, "order");
        String author = text(unit, "author");
        checkIdentity(name, "Mongock @ChangeUnit", id, order, author, problems);
        if (bool(unit, "runAlways")) {
            problems.add(runAlwaysProblem(name, "@ChangeUnit(id = \"" + id + "\")"));
        }
        warnIfNotFailFast(name, bool(unit, "failFast"));
        Constructor<?> constructor = constructorOf(type, problems);
        List<ParameterSlot> constructorArgs =
                constructor == null ? List.of() : loader.slots(constructor, false, false, name, problems);
        List<Method> executions = annotated(type, EXECUTION);
        List<Method> rollbacks = annotated(type, ROLLBACK_EXECUTION);
        List<Method> befores = annotated(type, BEFORE_EXECUTION);
        List<Method> rollbackBefores = annotated(type, ROLLBACK_BEFORE_EXECUTION);
        if (executions.size() != 1) {
            problems.add(name + " is a Mongock @ChangeUnit with " + (executions.isEmpty() ? "no" : executions.size())
                    + " @Execution methods" + names(executions) + ": it needs exactly one, as Mongock requires too");
        }
        atMostOne(name, "@RollbackExecution", rollbacks, problems);
        atMostOne(name, "@BeforeExecution", befores, problems);
        atMostOne(name, "@RollbackBeforeExecution", rollbackBefores, problems);
        if (befores.isEmpty() && !rollbackBefores.isEmpty()) {
            problems.add(name + " has a @RollbackBeforeExecution method but no @BeforeExecution method: remove it, "
                    + "or add the before-execution method it undoes");
        }
        List<ParameterSlot> executionArgs =
                executions.size() == 1 ? loader.slots(executions.get(0), true, true, name, problems) : List.of();
        // Mongock requires a @RollbackExecution of every change unit, also of one that takes its transaction
        // (the ClientSession its MongoDB driver injects), and calls it only where it runs without one. Tidemark
        // runs such a unit in the store's transaction, whose abort leaves nothing to undo: the rollback is
        // not used, so that the class runs unchanged.
        boolean transactional = executionArgs.stream().anyMatch(ParameterSlot.TransactionHandle.class::isInstance);
        if (transactional && !rollbacks.isEmpty()) {
            log.debug(
                    "{} takes the store's transaction handle: its @RollbackExecution {} is not used (a failed "
                            + "attempt commits nothing, so there is nothing to undo)",
                    name,
                    rollbacks.get(0).getName());
        }
        Optional<Method> rollback =
                transactional ? Optional.empty() : rollbacks.stream().findFirst();
        List<ParameterSlot> rollbackArgs = rollbacks.size() == 1 && !transactional
                ? loader.slots(rollbacks.get(0), true, false, name, problems)
                : List.of();
        List<ParameterSlot> beforeArgs = List.of();
        List<ParameterSlot> rollbackBeforeArgs = List.of();
        if (befores.size() == 1) {
            beforeArgs = outsideTransaction(befores.get(0), "@BeforeExecution", name, problems);
            if (rollbackBefores.size() == 1) {
                rollbackBeforeArgs =
                        outsideTransaction(rollbackBefores.get(0), "@RollbackBeforeExecution", name, problems);
            }
        }
        if (problems.size() > before) {
            return List.of();
        }
        String className = canonicalName(type);
        List<ChangeDefinition> changes = new ArrayList<>();
        if (befores.size() == 1) {
            Optional<Method> rollbackBefore = rollbackBefores.stream().findFirst();
            changes.add(new ChangeDefinition(
                    id + BEFORE_SUFFIX,
                    order,
                    author,
                    "",
                    Recovery.MANUAL_INTERVENTION,
                    type,
                    constructor,
                    constructorArgs,
                    accessible(befores.get(0)),
                    beforeArgs,
                    rollbackBefore.map(MongockChangeUnits::accessible),
                    rollbackBeforeArgs,
                    Optional.of(new MongockPosition(order, className, "", 0))));
        }
        changes.add(new ChangeDefinition(
                id,
                order,
                author,
                "",
                Recovery.MANUAL_INTERVENTION,
                type,
                constructor,
                constructorArgs,
                accessible(executions.get(0)),
                executionArgs,
                rollback.map(MongockChangeUnits::accessible),
                rollbackArgs,
                Optional.of(new MongockPosition(order, className, "", 1))));
        return changes;
    }

    private List<ChangeDefinition> defineChangeLog(Class<?> type, Annotation changeLog, List<String> problems) {
        String name = type.getName();
        int before = problems.size();
        String changeLogOrder = text(changeLog, "order");
        boolean changeLogFailFast = bool(changeLog, "failFast");
        Constructor<?> constructor = ChangeSetLoader.constructorOf(type, problems);
        List<ParameterSlot> constructorArgs =
                constructor == null ? List.of() : loader.slots(constructor, false, false, name, problems);
        List<Method> changeSets = annotated(type, CHANGE_SET);
        if (changeSets.isEmpty()) {
            problems.add(name + " is a Mongock @ChangeLog without any @ChangeSet method: add one, or remove the "
                    + "class from the change units");
        }
        List<ChangeDefinition> changes = new ArrayList<>();
        String className = canonicalName(type);
        boolean warned = false;
        for (Method method : changeSets) {
            Annotation changeSet = annotation(method, CHANGE_SET).orElseThrow();
            String where = name + "." + method.getName();
            String id = text(changeSet, "id");
            String changeSetOrder = text(changeSet, "order");
            String order = changeLogOrder.isBlank() ? changeSetOrder : changeLogOrder + "." + changeSetOrder;
            String author = text(changeSet, "author");
            checkIdentity(where, "Mongock @ChangeSet", id, order, author, problems);
            if (bool(changeSet, "runAlways")) {
                problems.add(runAlwaysProblem(where, "@ChangeSet(id = \"" + id + "\")"));
            }
            if (!warned && !(changeLogFailFast && bool(changeSet, "failFast"))) {
                warnIfNotFailFast(name, false);
                warned = true;
            }
            List<ParameterSlot> args = loader.slots(method, true, true, name, problems);
            changes.add(new ChangeDefinition(
                    id,
                    order,
                    author,
                    "",
                    Recovery.MANUAL_INTERVENTION,
                    type,
                    constructor,
                    constructorArgs,
                    accessible(method),
                    args,
                    Optional.empty(),
                    List.of(),
                    Optional.of(new MongockPosition(changeLogOrder, className, changeSetOrder, 1))));
        }
        return problems.size() > before ? List.of() : changes;
    }

    private static void checkIdentity(
            String where, String annotation, String id, String order, String author, List<String> problems) {
        if (id.isBlank()) {
            problems.add(where + ": " + annotation + " id is blank; give it the id Mongock recorded it under");
        }
        RecordText.problemWithIdentifier(id, annotation + " id", RecordText.MAX_ID_LENGTH)
                .ifPresent(p -> problems.add(where + ": " + p));
        RecordText.problemWithIdentifier(order, annotation + " order", RecordText.MAX_ID_LENGTH)
                .ifPresent(p -> problems.add(where + ": " + p));
        RecordText.problemWithIdentifier(author, annotation + " author", RecordText.MAX_ID_LENGTH)
                .ifPresent(p -> problems.add(where + ": " + p));
    }

    private static String runAlwaysProblem(String where, String annotation) {
        return where + ": " + annotation + " has runAlways = true, which Tidemark has no equivalent for: it runs "
                + "each change exactly once per chain and records every run, so a change repeated at every start "
                + "would not be a migration (and would add records forever). If it only had to run once, remove "
                + "runAlways (keep its id: an imported Mongock log still marks it applied); if it must run at every "
                + "start, call that code from your application's start-up instead of from a change unit";
    }

    private static void warnIfNotFailFast(String name, boolean failFast) {
        if (!failFast) {
            log.warn(
                    "{} has failFast = false: Mongock went on with the next change when it failed; Tidemark stops "
                            + "the run at any failure (a rolled-back change runs again on the next start, one that failed "
                            + "without rollback waits for an operator)",
                    name);
        }
    }

    /** The slots of a before-execution method, which runs outside any transaction: it may not take the handle. */
    private List<ParameterSlot> outsideTransaction(
            Method method, String annotation, String owner, List<String> problems) {
        Optional<Class<?>> handle = loader.transactionHandleType();
        if (handle.isPresent() && Arrays.asList(method.getParameterTypes()).contains(handle.get())) {
            problems.add(owner + "." + method.getName() + ": a " + annotation + " method runs before the change and "
                    + "outside any transaction (as in Mongock), so it cannot take the store's transaction handle ("
                    + handle.get().getName() + "); take the database itself instead");
            return List.of();
        }
        return loader.slots(method, true, false, owner, problems);
    }

    private static void atMostOne(String name, String annotation, List<Method> methods, List<String> problems) {
        if (methods.size() > 1) {
            problems.add(name + " has " + methods.size() + " " + annotation + " methods" + names(methods)
                    + ": keep at most one, as Mongock requires too");
        }
    }

    /**
     * The constructor Mongock would use: the one annotated {@code @ChangeUnitConstructor} when there is
     * exactly one such, otherwise as for Tidemark's change units.
     */
    private static Constructor<?> constructorOf(Class<?> type, List<String> problems) {
        List<Constructor<?>> marked = Arrays.stream(type.getDeclaredConstructors())
                .filter(c -> annotation(c, CHANGE_UNIT_CONSTRUCTOR).isPresent())
                .toList();
        if (marked.size() > 1) {
            problems.add(type.getName() + " has " + marked.size() + " constructors annotated @ChangeUnitConstructor: "
                    + "keep it on one");
            return null;
        }
        if (marked.size() == 1 && !type.isInterface() && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            try {
                marked.get(0).setAccessible(true);
                return marked.get(0);
            } catch (RuntimeException e) {
                problems.add(type.getName() + " cannot be instantiated: its @ChangeUnitConstructor is not accessible ("
                        + e.getMessage() + "); make the class and constructor public");
                return null;
            }
        }
        return ChangeSetLoader.constructorOf(type, problems);
    }

    static Optional<Annotation> annotation(AnnotatedElement element, String typeName) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().equals(typeName)) {
                return Optional.of(annotation);
            }
        }
        return Optional.empty();
    }

    /** Methods of {@code type} and its superclasses annotated with {@code typeName}, one per signature, by name. */
    private static List<Method> annotated(Class<?> type, String typeName) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredMethods())
                    .sorted(Comparator.comparing(Method::getName))
                    .filter(m -> !m.isBridge()
                            && !m.isSynthetic()
                            && annotation(m, typeName).isPresent())
                    .forEach(m -> bySignature.putIfAbsent(m.getName() + Arrays.toString(m.getParameterTypes()), m));
        }
        return new ArrayList<>(bySignature.values());
    }

    private static Method accessible(Method method) {
        method.setAccessible(true);
        return method;
    }

    private static String names(List<Method> methods) {
        return methods.isEmpty()
                ? ""
                : " (" + methods.stream().map(Method::getName).sorted().collect(Collectors.joining(", ")) + ")";
    }

    private static String canonicalName(Class<?> type) {
        return type.getCanonicalName() != null ? type.getCanonicalName() : type.getName();
    }

    private static String text(Annotation annotation, String attribute) {
        Object value = attribute(annotation, attribute);
        return value == null ? "" : value.toString();
    }

    private static boolean bool(Annotation annotation, String attribute) {
        Object value = attribute(annotation, attribute);
        if (!(value instanceof Boolean flag)) {
            throw new AttributeException("@" + annotation.annotationType().getSimpleName() + "." + attribute
                    + " is not a boolean here (" + value + "): this Mongock version's annotations differ from "
                    + "Mongock 5's, which Tidemark reads");
        }
        return flag;
    }

    private static Object attribute(Annotation annotation, String attribute) {
        try {
            Method method = annotation.annotationType().getMethod(attribute);
            return method.invoke(annotation);
        } catch (NoSuchMethodException e) {
            throw new AttributeException("@" + annotation.annotationType().getName() + " has no attribute '" + attribute
                    + "': this Mongock version's annotations differ from Mongock 5's, which Tidemark reads");
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new AttributeException(
                    "could not read @" + annotation.annotationType().getName() + "." + attribute + " (" + e
                            + "); on the module path, Mongock's annotations must be readable by io.tidemark.core");
        }
    }

    /** An annotation attribute that cannot be read as Mongock 5 declares it. */
    private static final class AttributeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AttributeException(String message) {
            super(message);
        }
    }
}
