package io.tidemark.core.internal.loading.unloadable;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;

/** A change unit that loads fine. */
@ChangeUnit(id = "good", order = "1")
public class GoodChange {
    @Execution
    public void apply() {}
}
