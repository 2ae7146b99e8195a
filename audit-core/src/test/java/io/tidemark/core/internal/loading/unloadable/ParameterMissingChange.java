package io.tidemark.core.internal.loading.unloadable;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;

/** A change unit that loads, but whose execution's parameter type is missing. */
@ChangeUnit(id = "parameter-missing", order = "3")
public class ParameterMissingChange {
    @Execution
    public void apply(MissingParameter parameter) {}
}
