package io.tidemark.core.internal.loading.unloadable;

/** A parameter type the test's class loader hides. */
public final class MissingParameter {}
