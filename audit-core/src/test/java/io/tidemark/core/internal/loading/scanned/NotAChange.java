package io.tidemark.core.internal.loading.scanned;

/** Not annotated: scanning must ignore it. */
public class NotAChange {}
