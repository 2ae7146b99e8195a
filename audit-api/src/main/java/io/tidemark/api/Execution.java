package io.tidemark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method that applies a change unit. Exactly one per {@link ChangeUnit} class.
 *
 * <p>Its parameters are injected: {@link ChangeContext}, any dependency registered with the
 * engine (matched by type), and the adapter's transaction handle where the audit store offers
 * one. A parameter nothing can supply is reported when the engine is built, not when it runs.
 * A thrown exception marks the change {@code FAILED} and stops the run.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Execution {}
