package io.tidemark.test;

/**
 * Takes a snapshot of the data your change units change (your test database, not Tidemark's audit
 * log), for {@link ChangeSetRehearsal} to compare: before a change, after it, after its rollback.
 *
 * <p>Two snapshots of the same data must be {@link Object#equals equal}, and of different data not.
 * Return values with a meaningful {@code equals}: a {@code Map} from document id to document, a
 * {@code Set} of index names, a record. A {@code Map} or {@code Collection} also makes the failure
 * message name exactly what differs. Leave out what legitimately changes on every write (a
 * last-modified time stamp) and order lists whose order the database does not guarantee.
 *
 * <pre>{@code
 * StateProbe<Map<Object, Document>> orders = () -> database.getCollection("orders").find()
 *         .into(new ArrayList<>()).stream().collect(Collectors.toMap(d -> d.get("_id"), d -> d));
 * }</pre>
 *
 * @param <S> the snapshot's type
 */
@FunctionalInterface
public interface StateProbe<S> {

    /**
     * Takes a snapshot of the data as it is now.
     *
     * @return the snapshot, equal to another snapshot exactly when the data is the same; it must not
     *         change when the data changes later
     */
    S capture();
}
