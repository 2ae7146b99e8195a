package io.tidemark.core.internal.loading.unloadable;

/** Not a change unit, and unloadable too: a scan skips it without a word. */
public class HelperOfMissing extends MissingBase {}
