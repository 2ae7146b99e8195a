package io.tidemark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as one versioned change, run at most once per audit chain.
 *
 * <p>The class needs one constructor that the engine can satisfy (no arguments, or arguments
 * of registered dependency types) and exactly one method annotated with {@link Execution}. It
 * may have one method annotated with {@link RollbackExecution}. It must be a top-level or
 * static nested class; neither it nor its constructor and methods need be public: the engine
 * reaches package-private and private members by reflection. On the module path, open the
 * change units' package to the engine ({@code opens com.example.changes to io.tidemark.core;}).
 *
 * <p>{@link #id()} is the identity recorded in the audit log: never change it after the
 * change has run anywhere, or the engine will treat the renamed class as a new change.
 * {@link #order()} decides the order in which pending changes run.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ChangeUnit {

    /** {@return the unique, stable identity of the change within its chain; not blank} */
    String id();

    /**
     * {@return the position of the change} It is a version-like string compared segment by segment on
     * {@code .}: numeric segments compare as numbers ({@code 2 < 10}, {@code 1.2 < 1.10}),
     * other segments as text, and a numeric segment sorts before a text one. Two changes of
     * one set may not have equal orders ({@code 1.02} equals {@code 1.2}).
     */
    String order();

    /** {@return who wrote the change; recorded in the audit log} */
    String author() default "";

    /** {@return what the change does, for people reading the history} */
    String description() default "";

    /**
     * {@return what a later run does when this change was left unfinished} It was left unfinished
     * by a crash while it ran, or by a failure without a successful rollback.
     */
    Recovery recovery() default Recovery.MANUAL_INTERVENTION;
}
