package io.tidemark.core.operator;

/** Told how an import or migration advances, for showing progress to a person. */
@FunctionalInterface
public interface ImportProgress {

    /** Nothing is shown. */
    ImportProgress SILENT = (phase, records) -> {};

    /**
     * Called as records pass.
     *
     * @param phase   {@code "verifying"} (first pass over the input) or {@code "writing"}
     * @param records records handled so far in this phase
     */
    void advanced(String phase, long records);
}
