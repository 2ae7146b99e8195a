package io.tidemark.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A distributed lease per key, used by the engine so that one instance at a time runs changes.
 *
 * <p>Each operation is one conditional write (or read) against the backend, so that instances race
 * safely without any coordination of their own. Expiry times come from the implementation's
 * injected {@link java.time.Clock}; the instances sharing a lock are assumed to have clocks that
 * agree to well within a lease's duration. A held lock is a normal outcome and comes back as
 * {@link Optional#empty()}, never as an exception; infrastructure failures raise
 * {@link io.tidemark.core.error.StoreUnavailableException}.
 *
 * <p><b>Lock records this version cannot read.</b> A stored lock record holding a value the adapter
 * cannot decode (a missing owner or expiry, a field of an unexpected type, as an edit by hand or a
 * newer version may leave) raises {@link io.tidemark.core.error.UnreadableRecordException}
 * (created with {@link io.tidemark.core.error.UnreadableRecordException#ofLock}) naming the key,
 * the field and the value, from every operation that reads it; never a decoding exception or a
 * {@code NullPointerException}, and never a guess that the lock is free.
 */
public interface LockService {

    /**
     * Takes {@code key} for {@code owner} until now + {@code duration}, in one conditional write
     * that succeeds when the key is free, its lease has expired, or {@code owner} already holds it.
     * Every success issues a fencing token strictly greater than any issued before for this key.
     *
     * @param key      the lock key
     * @param owner    who takes it; unique per run
     * @param duration how long the lease lasts unless extended
     * @return the new lease, or empty when another owner holds an unexpired lease
     */
    Optional<Lease> tryAcquire(String key, String owner, Duration duration);

    /**
     * Moves the expiry of {@code lease} to now + {@code duration}, only if its owner still holds
     * the key with the same token (and the lease has not been taken over after expiring).
     *
     * @param lease    the lease held
     * @param duration how long from now the lease lasts
     * @return the extended lease with the same token, or empty when the lease was lost
     */
    Optional<Lease> extend(Lease lease, Duration duration);

    /**
     * Frees the key if {@code lease} (owner and token) is still the current one; otherwise does
     * nothing, so releasing a lost lease never frees a lock someone else now holds. One
     * conditional write. The key's record stays, without a holder, so that the next acquisition's
     * token is still greater than every token issued before (a deleted record would restart them).
     *
     * @param lease the lease to give up
     */
    void release(Lease lease);

    /**
     * The current lease on {@code key} as stored, possibly already expired (compare
     * {@link Lease#expiresAt()} with the clock), or empty when nobody has it. Operators pass a
     * lease seen here to {@link #release(Lease)} to break a lock left by a dead instance.
     *
     * @param key the lock key
     * @return the stored lease, possibly expired, or empty when nobody holds the key
     */
    Optional<Lease> inspect(String key);
}
