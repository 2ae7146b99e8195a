package io.tidemark.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method that undoes a failed {@link Execution}. At most one per {@link ChangeUnit}.
 *
 * <p>It runs only right after its own execution failed, with parameters injected the same way.
 * When it completes the change is recorded {@code ROLLED_BACK} and will run again on the next
 * start; when it throws, the change is recorded {@code ROLLBACK_FAILED} and needs a decision
 * (see {@link Recovery}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RollbackExecution {}
