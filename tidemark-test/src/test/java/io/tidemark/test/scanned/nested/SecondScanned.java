package io.tidemark.test.scanned.nested;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;

@ChangeUnit(id = "second-scanned", order = "2")
public class SecondScanned {
    @Execution
    public void apply() {}
}
