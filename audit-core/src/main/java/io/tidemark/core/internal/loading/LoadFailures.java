package io.tidemark.core.internal.loading;

/**
 * Says, for a person, why a change unit's class (or a class it refers to) could not be loaded, with
 * what to do about it. The JVM's own messages name the class in its internal form
 * ({@code com/example/Missing}); this names it as it is written in code.
 */
final class LoadFailures {

    private LoadFailures() {}

    /** Why loading failed with {@code failure}, in one sentence with a fix. */
    static String describe(Throwable failure) {
        if (failure instanceof NoClassDefFoundError
                || failure instanceof ClassNotFoundException
                || failure instanceof TypeNotPresentException) {
            String missing = String.valueOf(
                            failure instanceof TypeNotPresentException notPresent
                                    ? notPresent.typeName()
                                    : failure.getMessage())
                    .replace('/', '.');
            return "class " + missing + ", which it needs, is not on the class path ("
                    + failure.getClass().getSimpleName() + "); add the jar that holds it";
        }
        if (failure instanceof UnsupportedClassVersionError) {
            return "it was compiled for a newer Java than this one (" + failure.getMessage() + "); run on that Java "
                    + "version or newer";
        }
        return failure.getClass().getName() + ": " + failure.getMessage();
    }
}
