package io.tidemark.core.internal.loading.unloadable;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;

/** A change unit whose superclass is missing: it cannot be loaded at all. */
@ChangeUnit(id = "broken", order = "2")
public class BrokenChange extends MissingBase {
    @Execution
    public void apply() {}
}
