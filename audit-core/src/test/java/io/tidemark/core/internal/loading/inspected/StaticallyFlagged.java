package io.tidemark.core.internal.loading.inspected;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;

/**
 * A change unit whose static initialiser leaves a trace in a system property: inspecting it (building,
 * planning, baselining) must not run it.
 */
@ChangeUnit(id = "statically-flagged", order = "1")
public class StaticallyFlagged {

    /** The system property the static initialiser sets. */
    public static final String FLAG = "tidemark.test.static-initialiser-ran";

    static {
        System.setProperty(FLAG, "true");
    }

    @Execution
    public void apply(ChangeContext context) {
        context.putMetadata("ran", "yes");
    }
}
