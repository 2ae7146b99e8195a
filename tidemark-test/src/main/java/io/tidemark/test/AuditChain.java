package io.tidemark.test;

import io.tidemark.core.ChangeUnitInfo;
import io.tidemark.spi.AuditStore;
import java.util.List;
import java.util.Objects;

/**
 * One audit chain in one store, to assert on with {@link TidemarkAssertions#assertThat(AuditChain)};
 * made by {@link TidemarkAssertions#chain(AuditStore)} and its siblings.
 *
 * @param store       the store holding the chain
 * @param name        the chain's name ({@code default} unless the application sets {@code tidemark.chain})
 * @param changeUnits the change units of the application writing the chain, when known (from
 *                    {@link TidemarkAssertions#chain(io.tidemark.core.Tidemark)} or
 *                    {@link TidemarkAssertions#chain(io.tidemark.core.Rehearsal)}); empty when the chain is
 *                    named by its store alone. Their recovery settings decide what counts as an issue: a
 *                    change with {@code recovery = RETRY} left unfinished is run again by the next run, so
 *                    it is no issue
 */
public record AuditChain(AuditStore store, String name, List<ChangeUnitInfo> changeUnits) {

    /**
     * Requires every component.
     *
     * @param store       the store holding the chain
     * @param name        the chain's name ({@code default} unless the application sets {@code tidemark.chain})
     * @param changeUnits the change units of the application writing the chain; empty when not known
     * @throws NullPointerException when a component is null
     */
    public AuditChain {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(name, "name");
        changeUnits = List.copyOf(changeUnits);
    }

    /**
     * A chain whose application's change units are not known: every change left unfinished counts as
     * an issue, as the operator API and the command line count it without the change units.
     *
     * @param store the store holding the chain
     * @param name  the chain's name ({@code default} unless the application sets {@code tidemark.chain})
     * @throws NullPointerException when a component is null
     */
    public AuditChain(AuditStore store, String name) {
        this(store, name, List.of());
    }

    @Override
    public String toString() {
        return "chain '" + name + "' in " + store.describe();
    }
}
