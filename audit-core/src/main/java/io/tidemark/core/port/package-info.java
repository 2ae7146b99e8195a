/**
 * The ports an adapter implements: {@link io.tidemark.core.port.AuditStore} (append-only writer and
 * the entry point of one backend), {@link io.tidemark.core.port.ExecutionHistory} (reader) and
 * {@link io.tidemark.core.port.LockService} (distributed lease), plus the optional
 * {@link io.tidemark.core.port.TransactionSupport}. Their Javadoc is the contract the TCK checks.
 */
package io.tidemark.core.port;
