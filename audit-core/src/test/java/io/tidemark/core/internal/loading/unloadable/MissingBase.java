package io.tidemark.core.internal.loading.unloadable;

/** A superclass the test's class loader hides, as a jar missing from the class path would. */
public abstract class MissingBase {}
