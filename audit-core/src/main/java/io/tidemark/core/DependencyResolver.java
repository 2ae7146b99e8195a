package io.tidemark.core;

import java.lang.reflect.Parameter;
import java.util.Objects;

/**
 * Supplies the parameters of change units (constructor, {@code @Execution} and
 * {@code @RollbackExecution} parameters) that no dependency registered with
 * {@link TidemarkBuilder#dependency(Class, Object)} supplies: the hook through which a container, such
 * as a Spring application context, offers its own objects. Set it with
 * {@link TidemarkBuilder#dependencyResolver(DependencyResolver)}.
 *
 * <p>How a parameter is supplied, in this order:
 * <ol>
 *   <li>{@link io.tidemark.api.ChangeContext} and the store's transaction handle, by Tidemark;</li>
 *   <li>a dependency registered on the builder under exactly the parameter's type, or else the only
 *       one registered under a subtype (several are a problem, and the resolver is not asked);</li>
 *   <li>this resolver, given the {@link Parameter} itself, so that it can read the parameter's generic
 *       type and annotations (a qualifier, for example).</li>
 * </ol>
 *
 * <p>The resolver is asked while the change units are validated ({@link TidemarkBuilder#build()},
 * {@link TidemarkBuilder#buildOperator()}, {@link TidemarkBuilder#validate()}), once per parameter,
 * and the value it gives is the one every run passes: values are resolved when Tidemark is built, not
 * when a change runs. Every parameter it cannot supply is reported, all at once, in the one
 * {@link io.tidemark.core.error.ConfigurationException} that lists every problem of the change units.
 * An exception the resolver throws (a container's object that failed to be created) is not a problem
 * of the change set: it propagates from the builder's method unchanged.
 *
 * <p>With a build-time index ({@code tidemark-processor}), {@code build()} validates no change unit on
 * an idle start, and a parameter no registered dependency supplies is left to this resolver without
 * asking it: the resolver needs the {@link Parameter}, which only the loaded class has. It is asked
 * when the classes are loaded, that is when a change must run (the problems it reports then fail
 * {@link Tidemark#run()}, before anything runs), and by {@code plan}, the operator and validation.
 * Those classes are loaded once per Tidemark: problems found then, an {@code unresolved} answer of
 * this resolver among them, are reported again by later calls without asking again (build a new
 * Tidemark once the dependency exists); an exception this resolver throws is not remembered, and the
 * next call asks again.
 */
@FunctionalInterface
public interface DependencyResolver {

    /**
     * The value for {@code parameter}, or why there is none.
     *
     * @param parameter a parameter of a change unit's constructor, {@code @Execution} or
     *                  {@code @RollbackExecution} method
     * @return the value, or the reason none can be given; never null
     */
    Resolution resolve(Parameter parameter);

    /**
     * What a resolver found for one parameter: {@link Resolved} or {@link Unresolved}.
     */
    sealed interface Resolution permits Resolved, Unresolved {

        /**
         * A value for the parameter.
         *
         * @param value the value passed to the change unit; not null
         * @return the resolution carrying {@code value}
         */
        static Resolution of(Object value) {
            return new Resolved(value);
        }

        /**
         * No value for the parameter.
         *
         * @param problem what is missing and how to supply it, for the person reading the build error
         *                (such as "no bean of type com.example.Mailer; define one")
         * @return the resolution carrying {@code problem}
         */
        static Resolution unresolved(String problem) {
            return new Unresolved(problem);
        }
    }

    /**
     * The parameter receives {@code value}.
     *
     * @param value the value; not null
     */
    record Resolved(Object value) implements Resolution {

        /**
         * Checks that the value is set.
         *
         * @param value the value; not null
         */
        public Resolved {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * No value for the parameter: a problem of the change set, reported with the others.
     *
     * @param problem what is missing and how to supply it; not blank
     */
    record Unresolved(String problem) implements Resolution {

        /**
         * Checks that the problem is stated.
         *
         * @param problem what is missing and how to supply it; not blank
         */
        public Unresolved {
            Objects.requireNonNull(problem, "problem");
            if (problem.isBlank()) {
                throw new IllegalArgumentException("An unresolved parameter needs a problem that says what is missing");
            }
        }
    }
}
