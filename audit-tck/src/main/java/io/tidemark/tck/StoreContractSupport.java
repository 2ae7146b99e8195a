package io.tidemark.tck;

import io.tidemark.core.port.AuditStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;

/**
 * The one hook every contract suite needs: {@link #createStore(Clock)}. An adapter extends each
 * suite (or nests one class per suite in a single test class sharing a server) and returns a store
 * on its backend.
 *
 * <p>Tests isolate themselves with fresh chain and lock names, so {@code createStore} may return
 * stores over shared tables; it should be cheap (reuse the client, initialise once). Servers are
 * started by the subclass, for example in a {@code static @BeforeAll}, or by a Testcontainers
 * extension.
 */
public abstract class StoreContractSupport {

    private final List<AuditStore> created = new ArrayList<>();

    /**
     * A store on the backend under test, initialised or not, whose lock service takes time from
     * {@code clock}. Closed by the suite after each test.
     */
    protected abstract AuditStore createStore(Clock clock);

    /** A store from {@link #createStore(Clock)}, initialised, remembered for closing. */
    protected final AuditStore openStore(Clock clock) {
        AuditStore store = createStore(clock);
        created.add(store);
        store.initialize();
        return store;
    }

    /** A store from {@link #createStore(Clock)} on which {@code initialize()} was not called. */
    protected final AuditStore openUninitializedStore(Clock clock) {
        AuditStore store = createStore(clock);
        created.add(store);
        return store;
    }

    /** A chain or lock name no other test uses. */
    protected static String uniqueName(String prefix) {
        return prefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    @AfterEach
    final void closeStores() {
        created.forEach(AuditStore::close);
        created.clear();
    }
}
