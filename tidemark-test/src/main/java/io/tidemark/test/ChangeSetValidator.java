package io.tidemark.test;

import io.tidemark.core.ChangeSetValidation;
import io.tidemark.core.ChangeUnitInfo;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a change set as {@code build()} would, in a plain unit test: no store, no database, no
 * configuration, nothing run. It lists every problem {@code build()} would report about the change
 * units, in the same words: missing annotations, blank or duplicate ids, malformed or duplicate
 * orders, no or several {@code @Execution} methods, several {@code @RollbackExecution} methods,
 * classes that cannot be instantiated, parameters nothing supplies, transaction handles where they
 * cannot be used.
 *
 * <pre>{@code
 * @Test
 * void theChangeSetIsValid() {
 *     ChangeSetValidator.forPackage("com.example.changes")
 *             .supplies(MongoDatabase.class)               // registered with dependency(...) when the application runs
 *             .transactionHandle(ClientSession.class)      // the MongoDB store's handle, for transactional changes
 *             .assertValid();
 * }
 * }</pre>
 *
 * <p>What it cannot check, because only a store or a run can tell:
 * <ul>
 *   <li>whether the store can run transactions (a MongoDB standalone server cannot; a DynamoDB
 *       endpoint may lack {@code TransactWriteItems}): {@code build()} asks the store;</li>
 *   <li>which parameter type is the store's transaction handle, unless you name it with
 *       {@link #transactionHandle}: without it, a change that takes the handle is reported as a
 *       parameter nothing supplies;</li>
 *   <li>the settings that come from configuration ({@code tidemark.chain}, lock timeouts);</li>
 *   <li>what the change units do when they run: test that with {@link TidemarkTest} and
 *       {@link ChangeSetRehearsal}.</li>
 * </ul>
 */
public final class ChangeSetValidator {

    private final List<Class<?>> classes = new ArrayList<>();
    private final List<String> packages = new ArrayList<>();
    private final List<Class<?>> supplied = new ArrayList<>();
    private Optional<Class<?>> transactionHandle = Optional.empty();
    private Optional<ClassLoader> classLoader = Optional.empty();

    private ChangeSetValidator() {}

    /**
     * Starts a validator of the change units in these packages (sub-packages included), as
     * {@code scanPackage(...)} finds them.
     *
     * @param packageNames the packages to scan
     * @return a validator; nothing is checked until {@link #validate()}, {@link #problems()} or
     *         {@link #assertValid()}
     */
    public static ChangeSetValidator forPackage(String... packageNames) {
        ChangeSetValidator validator = new ChangeSetValidator();
        validator.packages.addAll(Arrays.asList(packageNames));
        return validator;
    }

    /**
     * Starts a validator of these change-unit classes, as {@code changeUnits(...)} takes them.
     *
     * @param changeUnits the change-unit classes
     * @return a validator; nothing is checked until {@link #validate()}, {@link #problems()} or
     *         {@link #assertValid()}
     */
    public static ChangeSetValidator forClasses(Class<?>... changeUnits) {
        ChangeSetValidator validator = new ChangeSetValidator();
        validator.classes.addAll(Arrays.asList(changeUnits));
        return validator;
    }

    /**
     * Adds the change units in these packages (sub-packages included).
     *
     * @param packageNames the packages to scan as well
     * @return this validator, for chaining
     */
    public ChangeSetValidator andPackage(String... packageNames) {
        packages.addAll(Arrays.asList(packageNames));
        return this;
    }

    /**
     * Adds these change-unit classes.
     *
     * @param changeUnits the change-unit classes to validate as well
     * @return this validator, for chaining
     */
    public ChangeSetValidator andClasses(Class<?>... changeUnits) {
        classes.addAll(Arrays.asList(changeUnits));
        return this;
    }

    /**
     * Types the application registers as dependencies when it runs ({@code dependency(type, value)}):
     * parameters of these types (or of their supertypes) count as supplied. No value is needed.
     *
     * @param dependencyTypes the registered dependencies' types; adds to those named before
     * @return this validator, for chaining
     * @throws NullPointerException when a type is null
     */
    public ChangeSetValidator supplies(Class<?>... dependencyTypes) {
        Arrays.stream(dependencyTypes)
                .map(type -> Objects.requireNonNull(type, "dependency type"))
                .forEach(supplied::add);
        return this;
    }

    /**
     * The transaction handle type of the store the application runs with: {@code ClientSession}
     * (MongoDB), {@code DynamoDbChangeTransaction} (DynamoDB). A change unit whose {@code @Execution}
     * takes exactly this type is transactional, and is checked as such (no rollback, no handle in the
     * rollback or constructor).
     *
     * @param handleType the store's transaction handle type; replaces one named before
     * @return this validator, for chaining
     */
    public ChangeSetValidator transactionHandle(Class<?> handleType) {
        this.transactionHandle = Optional.of(Objects.requireNonNull(handleType, "handleType"));
        return this;
    }

    /**
     * Sets the class loader packages are scanned with (default: the thread's context class loader).
     *
     * @param loader the class loader that sees the change units
     * @return this validator, for chaining
     */
    public ChangeSetValidator classLoader(ClassLoader loader) {
        this.classLoader = Optional.of(Objects.requireNonNull(loader, "loader"));
        return this;
    }

    /**
     * Validates the change set, as {@code build()} would, without failing.
     *
     * @return every problem found (none when valid) and, when valid, the change units in run order
     */
    public ChangeSetValidation validate() {
        TidemarkBuilder builder = Tidemark.builder()
                .configuration(TidemarkConfig.of())
                .changeUnits(classes.toArray(Class<?>[]::new))
                .scanPackage(packages.toArray(String[]::new));
        classLoader.ifPresent(builder::classLoader);
        return builder.validate(supplied, transactionHandle);
    }

    /**
     * Validates the change set and returns only the problems.
     *
     * @return every problem found, each a sentence saying what is wrong and how to fix it; empty when valid
     */
    public List<String> problems() {
        return validate().problems();
    }

    /**
     * Fails the test, listing every problem, unless the change set is valid.
     *
     * @return the validated change units, in the order a run takes them
     * @throws org.opentest4j.AssertionFailedError when there is a problem, listing every one found
     */
    public List<ChangeUnitInfo> assertValid() {
        ChangeSetValidation validation = validate();
        new ValidationAssert(validation).isValid();
        return validation.changeUnits();
    }
}
