package io.tidemark.core.internal.engine;

import io.tidemark.core.ChangeOutcome;
import io.tidemark.core.ChangeResult;
import io.tidemark.core.internal.loading.ChangeUnits;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The changes of a run that found nothing to do, every one {@link ChangeOutcome#ALREADY_APPLIED}, as an
 * unmodifiable list whose elements are made on the first read. An idle start from a build-time index
 * thereby neither reads the index's change units nor makes one result per change unless someone reads
 * the report's list: its cost does not grow with the number of change units. {@code RunReport} keeps
 * such a list as it is instead of copying it, and answers its questions (nothing to do, applied,
 * skipped) without reading it.
 */
public final class AlreadyAppliedResults extends AbstractList<ChangeResult> implements RandomAccess {

    private final ChangeUnits units;
    private final int size;
    private volatile List<ChangeResult> results;

    /**
     * @param units the change units, all applied
     */
    AlreadyAppliedResults(ChangeUnits units) {
        this.units = units;
        this.size = units.size();
    }

    @Override
    public ChangeResult get(int index) {
        return results().get(index);
    }

    @Override
    public int size() {
        return size;
    }

    private List<ChangeResult> results() {
        List<ChangeResult> made = results;
        if (made == null) {
            made = units.entries().stream()
                    .map(c -> new ChangeResult(c.id(), c.order(), ChangeOutcome.ALREADY_APPLIED, Duration.ZERO, ""))
                    .toList();
            if (made.size() != size) {
                throw new IllegalStateException("The change units numbered " + size + " when the run ended and "
                        + made.size() + " when its report was read; the build-time index and the classes disagree. "
                        + "Rebuild with a clean build.");
            }
            results = made;
        }
        return made;
    }
}
