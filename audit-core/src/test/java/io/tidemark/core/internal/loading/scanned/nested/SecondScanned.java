package io.tidemark.core.internal.loading.scanned.nested;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;

@ChangeUnit(id = "second-scanned", order = "2")
public class SecondScanned {
    @Execution
    public void apply() {}

    /** Not a change unit: scanning must ignore it. */
    public static class Helperless {}
}
