package io.tidemark.tck;

import io.tidemark.spi.AuditStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;

/**
 * The one hook every contract suite needs: {@link #fixture()}, the backend under test. An adapter
 * extends each suite (or {@link ContractSuites}, which nests them all) and returns its fixture.
 *
 * <p>Tests isolate themselves with fresh chain and lock names inside one {@link #namespace()}, so the
 * stores they open share tables; opening one should be cheap (reuse the client, initialise once).
 * The fixture is started and closed by the subclass, for example in a {@code static @BeforeAll}.
 */
public abstract class StoreContractSupport {

    private final List<AutoCloseable> opened = Collections.synchronizedList(new ArrayList<>());

    /** {@return the backend under test; started before the first test and closed after the last by the subclass} */
    protected abstract BackendFixture fixture();

    /**
     * The namespace the suite's stores share (see {@link BackendFixture}); tests use fresh chain names in it.
     *
     * @return the namespace; {@code tck} unless overridden
     */
    protected String namespace() {
        return "tck";
    }

    /**
     * A store on the backend under test, not initialised, closed by the suite after the test.
     *
     * @param clock the clock of the store's lock service
     * @return a new store
     */
    protected final AuditStore createStore(Clock clock) {
        AuditStore store = fixture().openStore(namespace(), clock);
        opened.add(store);
        return store;
    }

    /**
     * A store from {@link #createStore(Clock)}, initialised.
     *
     * @param clock the clock of the store's lock service
     * @return a new, initialised store
     */
    protected final AuditStore openStore(Clock clock) {
        AuditStore store = createStore(clock);
        store.initialize();
        return store;
    }

    /**
     * A store from {@link #createStore(Clock)} on which {@code initialize()} was not called.
     *
     * @param clock the clock of the store's lock service
     * @return a new store, not initialised
     */
    protected final AuditStore openUninitializedStore(Clock clock) {
        return createStore(clock);
    }

    /**
     * A store whose requests are counted, closed by the suite after the test.
     *
     * @param clock the clock of the store's lock service
     * @return a new store with its request counts
     */
    protected final CountingStore openCountingStore(Clock clock) {
        CountingStore store = fixture().openCountingStore(namespace(), clock);
        opened.add(store);
        return store;
    }

    /** {@return raw writes to the records of the suite's namespace} */
    protected final RawRecords rawRecords() {
        return fixture().rawRecords(namespace());
    }

    /**
     * A chain or lock name no other test uses.
     *
     * @param prefix what the name starts with, for a person reading the data
     * @return {@code prefix}, a dash and 16 random hex digits
     */
    protected static String uniqueName(String prefix) {
        return prefix + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    @AfterEach
    final void closeStores() throws Exception {
        List<AutoCloseable> stores;
        synchronized (opened) {
            stores = List.copyOf(opened);
            opened.clear();
        }
        for (AutoCloseable store : stores) {
            store.close();
        }
    }
}
