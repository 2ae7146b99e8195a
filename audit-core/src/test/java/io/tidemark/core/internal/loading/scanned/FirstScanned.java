package io.tidemark.core.internal.loading.scanned;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;

@ChangeUnit(id = "first-scanned", order = "1")
public class FirstScanned {
    @Execution
    public void apply() {}
}
