package io.tidemark.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field that {@link TidemarkTest} sets before each test: a non-static, non-final field of type
 * {@link io.tidemark.core.memory.InMemoryAuditStore}, {@link TestClock} or
 * {@link io.tidemark.core.TidemarkBuilder}. It receives the same instance as that test's parameters.
 * A marked field of another type, or a static or final one, fails the test with a message saying so.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TidemarkInject {}
