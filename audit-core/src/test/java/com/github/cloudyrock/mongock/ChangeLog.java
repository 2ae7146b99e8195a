package com.github.cloudyrock.mongock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Test stand-in with the name, attributes and defaults of Mongock 3 and 4's annotation (kept, deprecated,
 * in Mongock 5), so that core's tests show it is recognised by name.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ChangeLog {
    String order() default "";

    boolean failFast() default true;
}
