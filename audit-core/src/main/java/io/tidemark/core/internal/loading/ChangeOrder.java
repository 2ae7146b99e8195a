package io.tidemark.core.internal.loading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which a change set runs. Tidemark's change units are sorted by {@link VersionOrder};
 * change units read from Mongock's annotations keep Mongock's own order among themselves
 * ({@link MongockPosition}: orders compared as text), so that they run as Mongock ran them. When a set
 * holds both, the two sequences are merged, each keeping its order, by comparing the next change of
 * each: as versions ({@link VersionOrder}) when the Mongock change's order is a valid version order,
 * otherwise as text; on equal orders the Mongock change runs first.
 */
final class ChangeOrder {

    private static final Comparator<ChangeDefinition> MONGOCK = Comparator.comparing(
                    (ChangeDefinition d) -> d.mongock().orElseThrow())
            .thenComparing(ChangeDefinition::id);

    private ChangeOrder() {}

    /** {@code definitions} in the order they run. */
    static List<ChangeDefinition> sorted(List<ChangeDefinition> definitions) {
        List<ChangeDefinition> tidemark = new ArrayList<>();
        List<ChangeDefinition> mongock = new ArrayList<>();
        definitions.forEach(d -> (d.mongock().isPresent() ? mongock : tidemark).add(d));
        tidemark.sort((a, b) -> VersionOrder.INSTANCE.compare(a.order(), b.order()));
        mongock.sort(MONGOCK);
        List<ChangeDefinition> merged = new ArrayList<>(definitions.size());
        int t = 0;
        int m = 0;
        while (t < tidemark.size() && m < mongock.size()) {
            if (mongockFirst(mongock.get(m).order(), tidemark.get(t).order())) {
                merged.add(mongock.get(m++));
            } else {
                merged.add(tidemark.get(t++));
            }
        }
        merged.addAll(tidemark.subList(t, tidemark.size()));
        merged.addAll(mongock.subList(m, mongock.size()));
        return merged;
    }

    private static boolean mongockFirst(String mongockOrder, String tidemarkOrder) {
        int comparison = VersionOrder.problemWith(mongockOrder).isEmpty()
                ? VersionOrder.INSTANCE.compare(mongockOrder, tidemarkOrder)
                : mongockOrder.compareTo(tidemarkOrder);
        return comparison <= 0;
    }
}
