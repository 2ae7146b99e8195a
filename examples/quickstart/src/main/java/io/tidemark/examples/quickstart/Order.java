package io.tidemark.examples.quickstart;

import java.util.Optional;

/**
 * One order as the change units left it, read back for the report, the same on every backend.
 *
 * @param orderId    the order id
 * @param placedAt   when it was placed, ISO-8601 in UTC
 * @param totalCents its total in cents
 * @param status     its status; empty when the backfill has not set one
 */
record Order(String orderId, String placedAt, long totalCents, Optional<String> status) {

    /** {@code o-1001  placed 2026-03-01T09:12:00Z     42.50  status PLACED}. */
    String line() {
        return String.format(
                "  %-7s placed %s  %8s  status %s",
                orderId,
                placedAt,
                String.format("%d.%02d", totalCents / 100, totalCents % 100),
                status.orElse("(none)"));
    }
}
