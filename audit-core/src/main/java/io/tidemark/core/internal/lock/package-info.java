/**
 * <b>Internals</b> (not exported; nothing outside {@code tidemark-audit-core} uses them): taking the
 * chain's lock with jittered backoff ({@link io.tidemark.core.internal.lock.LockAcquirer}), keeping
 * a lease alive while a run writes ({@link io.tidemark.core.internal.lock.LeaseKeeper}), and the
 * settings both follow ({@link io.tidemark.core.internal.lock.LockPolicy}).
 */
package io.tidemark.core.internal.lock;
