package io.tidemark.core.internal.loading.inspected;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;

/** A change unit needing an application object that a tool inspecting it does not have. */
@ChangeUnit(id = "needs-a-service", order = "2")
public class NeedsAService {

    /** The application's object. */
    public interface Service {
        void call();
    }

    @Execution
    public void apply(Service service) {
        service.call();
    }
}
