/**
 * <b>User API floor</b>: what a run tells code about itself while it happens.
 *
 * <p>Register any number of {@link io.tidemark.core.event.TidemarkListener}s with
 * {@link io.tidemark.core.TidemarkBuilder#listener(TidemarkListener)}; each receives every
 * {@link io.tidemark.core.event.TidemarkEvent} of every run, on the run's own thread, in the order
 * the run did things. The events form a closed (sealed) set of records, so a listener can switch
 * over them and a test can compare them in order. {@link io.tidemark.core.event.MdcKeys} names the
 * keys the engine puts in the SLF4J MDC while a run and its changes run, so that log lines written
 * inside a change can be matched to its audit records.
 *
 * <p>The {@code tidemark-micrometer} module turns these events into meters and observations.
 */
package io.tidemark.core.event;
