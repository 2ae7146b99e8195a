package io.mongock.api.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Test stand-in with the name and shape of Mongock 5's annotation, so that core's tests show that
 * Tidemark recognises Mongock's annotations by name, with no Mongock dependency (the real one is used
 * by the integration-tests-mongock module).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface BeforeExecution {}
