package io.tidemark.core.memory;

import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.Lease;
import io.tidemark.spi.LockService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Leases in a map, each operation one atomic {@code compute}: the in-memory twin of a conditional write. */
final class InMemoryLockService implements LockService {

    /**
     * One key's row; a released key keeps its token with no holder, so tokens keep growing. A row
     * whose {@code unreadableToken} is present stands for a lock record whose token this version cannot
     * read: every operation on its key refuses it.
     */
    record Row(String owner, Instant expiresAt, long token, Optional<String> unreadableToken) {
        Row(String owner, Instant expiresAt, long token) {
            this(owner, expiresAt, token, Optional.empty());
        }

        boolean heldBy(String other, Instant now) {
            return owner != null && !owner.equals(other) && now.isBefore(expiresAt);
        }
    }

    private final InMemoryAuditStore store;
    private final Clock clock;
    private final Map<String, Row> rows;

    InMemoryLockService(InMemoryAuditStore store, Map<String, Row> rows, Clock clock) {
        this.store = store;
        this.rows = rows;
        this.clock = clock;
    }

    @Override
    public Optional<Lease> tryAcquire(String key, String owner, Duration duration) {
        store.request();
        Instant now = clock.instant();
        boolean[] taken = new boolean[1];
        Row row = rows.compute(key, (k, current) -> {
            refuseUnreadable(k, current);
            if (current != null && current.heldBy(owner, now)) {
                return current;
            }
            taken[0] = true;
            return new Row(owner, now.plus(duration), current == null ? 1 : current.token() + 1);
        });
        return taken[0] ? Optional.of(new Lease(key, owner, row.expiresAt(), row.token())) : Optional.empty();
    }

    @Override
    public Optional<Lease> extend(Lease lease, Duration duration) {
        store.request();
        Instant expiry = clock.instant().plus(duration);
        boolean[] extended = new boolean[1];
        rows.computeIfPresent(lease.key(), (k, current) -> {
            refuseUnreadable(k, current);
            if (!isCurrent(current, lease)) {
                return current;
            }
            extended[0] = true;
            return new Row(current.owner(), expiry, current.token());
        });
        return extended[0]
                ? Optional.of(new Lease(lease.key(), lease.owner(), expiry, lease.token()))
                : Optional.empty();
    }

    @Override
    public void release(Lease lease) {
        store.request();
        rows.computeIfPresent(lease.key(), (k, current) -> {
            refuseUnreadable(k, current);
            return isCurrent(current, lease) ? new Row(null, clock.instant(), current.token()) : current;
        });
    }

    @Override
    public Optional<Lease> inspect(String key) {
        store.request();
        Row row = rows.get(key);
        refuseUnreadable(key, row);
        return row == null || row.owner() == null
                ? Optional.empty()
                : Optional.of(new Lease(key, row.owner(), row.expiresAt(), row.token()));
    }

    private void refuseUnreadable(String key, Row row) {
        if (row != null && row.unreadableToken().isPresent()) {
            throw UnreadableRecordException.ofLock(
                    key, "token", row.unreadableToken().get(), store.describe());
        }
    }

    private static boolean isCurrent(Row row, Lease lease) {
        return lease.owner().equals(row.owner()) && row.token() == lease.token();
    }
}
