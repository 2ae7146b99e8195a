package com.github.cloudyrock.mongock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Test stand-in with the name, attributes and defaults of Mongock 3 and 4's annotation (see {@link ChangeLog}). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ChangeSet {
    String author();

    String id();

    String order();

    boolean runAlways() default false;

    String systemVersion() default "0";

    boolean failFast() default true;
}
