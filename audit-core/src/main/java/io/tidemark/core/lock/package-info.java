/** Taking the lock with backoff, and keeping a lease alive while a run writes. */
package io.tidemark.core.lock;
