package io.tidemark.test;

import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.memory.InMemoryAuditStore;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link TidemarkTest} (registered by that annotation; usable with
 * {@code @ExtendWith} too). Per test it keeps one {@link TestClock}, one
 * {@link InMemoryAuditStore} on that clock, and one {@link TidemarkBuilder} preset with both, in the
 * test's own {@link ExtensionContext.Store}: nothing is shared between tests, whatever the order or
 * parallelism JUnit runs them in.
 */
public final class TidemarkExtension implements BeforeEachCallback, ParameterResolver {

    /** The instance id of the preset builder, written in the records its runs append. */
    public static final String INSTANCE_ID = "tidemark-test";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TidemarkExtension.class);
    private static final List<Class<?>> PROVIDED =
            List.of(InMemoryAuditStore.class, TestClock.class, TidemarkBuilder.class);

    /** What one test gets. */
    private static final class TestResources {
        final TestClock clock = new TestClock();
        final InMemoryAuditStore store = new InMemoryAuditStore(clock);
        final TidemarkBuilder builder = Tidemark.builder()
                .auditStore(store)
                .clock(clock)
                .sleeper(clock.sleeper())
                .configuration(TidemarkConfig.of())
                .instanceId(INSTANCE_ID);

        Object of(Class<?> type) {
            if (type == InMemoryAuditStore.class) {
                return store;
            }
            if (type == TestClock.class) {
                return clock;
            }
            return builder;
        }
    }

    /** Sets the {@link TidemarkInject} fields of the test instance and of the instances enclosing it. */
    @Override
    public void beforeEach(ExtensionContext context) {
        TestResources resources = resources(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> type = instance.getClass();
                    type != null && type != Object.class;
                    type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.isAnnotationPresent(TidemarkInject.class)) {
                        inject(instance, field, resources);
                    }
                }
            }
        }
    }

    private static void inject(Object instance, Field field, TestResources resources) {
        String name = field.getDeclaringClass().getName() + "." + field.getName();
        if (!PROVIDED.contains(field.getType())) {
            throw new ExtensionConfigurationException("@TidemarkInject field " + name + " has type "
                    + field.getType().getName() + "; @TidemarkTest provides " + provided() + " only");
        }
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
            throw new ExtensionConfigurationException("@TidemarkInject field " + name + " is "
                    + (Modifier.isStatic(modifiers) ? "static" : "final") + ": @TidemarkTest sets a new value before "
                    + "each test, so the field must be an instance field that is not final");
        }
        try {
            field.setAccessible(true);
            field.set(instance, resources.of(field.getType()));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ExtensionConfigurationException(
                    "@TidemarkInject field " + name + " could not be set: " + e.getMessage()
                            + ". On the module path, open the test's package to io.tidemark.test",
                    e);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return PROVIDED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("@TidemarkTest gives each test its own " + type.getSimpleName()
                    + ": take it as a parameter of a @Test, @BeforeEach or @AfterEach method, or in a @TidemarkInject "
                    + "field, not in " + parameter.getDeclaringExecutable() + ", which serves several tests");
        }
        return resources(context).of(type);
    }

    private static TestResources resources(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .computeIfAbsent(TestResources.class, key -> new TestResources(), TestResources.class);
    }

    private static String provided() {
        return PROVIDED.stream().map(Class::getSimpleName).collect(Collectors.joining(", "));
    }
}
