package io.tidemark.core.engine.scanned;

/** Not annotated: scanning must ignore it. */
public class NotAChange {
}
