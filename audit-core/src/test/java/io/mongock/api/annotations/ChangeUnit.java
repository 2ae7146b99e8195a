package io.mongock.api.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Test stand-in with the name, attributes and defaults of Mongock 5's annotation (see {@link Execution}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ChangeUnit {
    String id();

    String order();

    String author() default "";

    boolean failFast() default true;

    boolean runAlways() default false;

    String systemVersion() default "0";

    boolean transactional() default true;
}
