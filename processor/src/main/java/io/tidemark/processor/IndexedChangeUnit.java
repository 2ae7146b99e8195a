package io.tidemark.processor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the processor records of one change unit, read from its source: the values of its
 * {@code @ChangeUnit} and the members the engine calls.
 *
 * @param binaryName  the class's binary name ({@code com.example.changes.Outer$Nested})
 * @param packageName the package it belongs to
 * @param id          {@code @ChangeUnit(id)}
 * @param order       {@code @ChangeUnit(order)}
 * @param author      {@code @ChangeUnit(author)}, "" by default
 * @param description {@code @ChangeUnit(description)}, "" by default
 * @param recovery    the name of {@code @ChangeUnit(recovery)}'s constant
 * @param constructor the constructor the engine uses
 * @param execution   the {@code @Execution} method
 * @param rollback    the {@code @RollbackExecution} method, when there is one
 */
record IndexedChangeUnit(
        String binaryName,
        String packageName,
        String id,
        String order,
        String author,
        String description,
        String recovery,
        Member constructor,
        Member execution,
        Optional<Member> rollback) {

    IndexedChangeUnit {
        Objects.requireNonNull(binaryName, "binaryName");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(constructor, "constructor");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(rollback, "rollback");
    }

    /** The binary name without the package: the class file's name without {@code .class}. */
    String simpleBinaryName() {
        return packageName.isEmpty() ? binaryName : binaryName.substring(packageName.length() + 1);
    }

    /**
     * A constructor or method, as reflection finds it.
     *
     * @param declaringClass binary name of the class that declares it (a superclass, for an inherited method)
     * @param name           {@code <init>} for a constructor
     * @param parameterTypes binary names of the erased parameter types ({@code int}, {@code java.lang.String[]})
     */
    record Member(String declaringClass, String name, List<String> parameterTypes) {

        Member {
            parameterTypes = List.copyOf(parameterTypes);
        }
    }
}
