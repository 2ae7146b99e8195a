package io.tidemark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.RollbackExecution;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.memory.InMemoryAuditStore;
import io.tidemark.core.testing.MutableClock;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link TidemarkBuilder#dependencyResolver}: parameters supplied by a container, on the in-memory store. */
class DependencyResolverTest {

    /** A qualifier, as a container's own annotation would be. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Named {
        String value();
    }

    /** Stands for a container's object. */
    record Greeter(String name) {}

    /** Stands for another container's object, which the container does not have. */
    interface Mailer {}

    /** Stands for an object the application registers on the builder itself. */
    record Clock2(String label) {}

    /** What the change units saw, per test. */
    static final List<String> seen = new ArrayList<>();

    @ChangeUnit(id = "greets", order = "1")
    static class Greets {
        private final Greeter constructed;

        Greets(@Named("english") Greeter constructed) {
            this.constructed = constructed;
        }

        @Execution
        void apply(ChangeContext context, @Named("french") Greeter french) {
            seen.add(context.changeId() + ":" + constructed.name() + "+" + french.name());
        }

        @RollbackExecution
        void undo(@Named("english") Greeter english) {
            seen.add("undo:" + english.name());
        }
    }

    @ChangeUnit(id = "mails", order = "2")
    static class Mails {
        Mails(Mailer mailer) {}

        @Execution
        void apply(Mailer mailer, @Named("german") Greeter german) {}
    }

    @ChangeUnit(id = "registered", order = "3")
    static class UsesRegistered {
        @Execution
        void apply(Clock2 clock) {
            seen.add("registered:" + clock.label());
        }
    }

    /** Resolves {@link Greeter}s by their {@link Named} qualifier, and nothing else; records what it was asked. */
    static final class GreeterContainer implements DependencyResolver {
        private final Map<String, Greeter> greeters =
                Map.of("english", new Greeter("hello"), "french", new Greeter("bonjour"));
        final List<String> asked = new ArrayList<>();

        @Override
        public Resolution resolve(Parameter parameter) {
            asked.add(parameter.getType().getSimpleName());
            Named named = parameter.getAnnotation(Named.class);
            if (parameter.getType() == Greeter.class && named != null) {
                return Optional.ofNullable(greeters.get(named.value()))
                        .map(Resolution::of)
                        .orElseGet(() -> Resolution.unresolved("no greeter named '" + named.value() + "'"));
            }
            return Resolution.unresolved(
                    "the container has no " + parameter.getType().getSimpleName());
        }
    }

    private final MutableClock clock = MutableClock.atFixedStart();

    @Test
    void constructorAndMethodParametersComeFromTheResolverByTypeAndQualifierWithTheContextFromTidemark() {
        seen.clear();
        GreeterContainer container = new GreeterContainer();
        try (Tidemark tidemark = Tidemark.builder()
                .auditStore(new InMemoryAuditStore(clock))
                .clock(clock)
                .changeUnits(Greets.class)
                .dependencyResolver(container)
                .build()) {
            RunReport report = tidemark.run();

            assertThat(report.applied()).extracting(ChangeResult::changeId).containsExactly("greets");
        }
        assertThat(seen).containsExactly("greets:hello+bonjour");
        assertThat(container.asked)
                .as("ChangeContext is Tidemark's; the resolver is never asked for it")
                .containsExactly("Greeter", "Greeter", "Greeter");
    }

    @Test
    void aRegisteredDependencyWinsAndTheResolverIsNotAskedForIt() {
        seen.clear();
        GreeterContainer container = new GreeterContainer();
        try (Tidemark tidemark = Tidemark.builder()
                .auditStore(new InMemoryAuditStore(clock))
                .clock(clock)
                .changeUnits(UsesRegistered.class)
                .dependency(new Clock2("mine"))
                .dependencyResolver(container)
                .build()) {
            tidemark.run();
        }
        assertThat(seen).containsExactly("registered:mine");
        assertThat(container.asked).isEmpty();
    }

    @Test
    void buildListsEveryParameterTheResolverCannotSupplyAtOnceWithItsReason() {
        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.builder()
                        .auditStore(new InMemoryAuditStore(clock))
                        .changeUnits(Greets.class, Mails.class)
                        .dependencyResolver(new GreeterContainer())
                        .build());

        String name = Mails.class.getName();
        assertThat(error.problems())
                .containsExactly(
                        name + ".<init> parameter 1 (" + Mailer.class.getName() + "): the container has no Mailer",
                        name + ".apply parameter 1 (" + Mailer.class.getName() + "): the container has no Mailer",
                        name + ".apply parameter 2 (" + Greeter.class.getName() + "): no greeter named 'german'");
    }

    @Test
    void validateReportsTheSameProblemsWithoutAStore() {
        ChangeSetValidation validation = Tidemark.builder()
                .changeUnits(Greets.class, Mails.class)
                .dependencyResolver(new GreeterContainer())
                .validate();

        assertThat(validation.isValid()).isFalse();
        assertThat(validation.problems()).hasSize(3).allMatch(p -> p.startsWith(Mails.class.getName()));
    }

    @Test
    void aTypeAssumedByValidateNeedsNoResolver() {
        ChangeSetValidation validation = Tidemark.builder()
                .changeUnits(Mails.class)
                .dependencyResolver(new GreeterContainer())
                .validate(List.of(Mailer.class), Optional.empty());

        assertThat(validation.problems())
                .containsExactly(Mails.class.getName() + ".apply parameter 2 (" + Greeter.class.getName()
                        + "): no greeter named 'german'");
    }

    @Test
    void aValueOfTheWrongTypeIsAProblemNotALaterFailure() {
        DependencyResolver wrong = parameter -> DependencyResolver.Resolution.of("a string");

        ChangeConfigurationCheck.assertProblem(
                () -> Tidemark.builder()
                        .auditStore(new InMemoryAuditStore(clock))
                        .changeUnits(UsesRegistered.class)
                        .dependencyResolver(wrong)
                        .build(),
                UsesRegistered.class.getName() + ".apply parameter 1 (" + Clock2.class.getName()
                        + "): the dependency resolver gave a java.lang.String, which is not a "
                        + Clock2.class.getName());
    }

    @Test
    void anExceptionOfTheResolverPropagatesUnchanged() {
        IllegalStateException broken = new IllegalStateException("bean creation failed");
        DependencyResolver failing = parameter -> {
            throw broken;
        };

        assertThatThrownBy(() -> Tidemark.builder()
                        .auditStore(new InMemoryAuditStore(clock))
                        .changeUnits(UsesRegistered.class)
                        .dependencyResolver(failing)
                        .build())
                .isSameAs(broken);
    }

    @Test
    void anInspectOnlyBuildNeedsNoValueFromTheResolver() {
        try (Tidemark tidemark = Tidemark.builder()
                .auditStore(new InMemoryAuditStore(clock))
                .changeUnits(Greets.class, Mails.class)
                .dependencyResolver(new GreeterContainer())
                .inspectOnly()
                .build()) {
            assertThat(tidemark.plan().toRun())
                    .extracting(PlannedChange::changeId)
                    .containsExactly("greets", "mails");
        }
    }

    @Test
    void aResolutionMustSayWhatIsMissing() {
        assertThatThrownBy(() -> DependencyResolver.Resolution.unresolved(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DependencyResolver.Resolution.of(null)).isInstanceOf(NullPointerException.class);
    }

    /** Asserts that a build fails with exactly one problem. */
    static final class ChangeConfigurationCheck {
        static void assertProblem(Runnable build, String problem) {
            ConfigurationException error = catchThrowableOfType(ConfigurationException.class, build::run);
            assertThat(error).isNotNull();
            assertThat(error.problems()).containsExactly(problem);
        }
    }
}
