package io.tidemark.core.operator;

import io.tidemark.spi.AuditRecord;
import java.util.stream.Stream;

/**
 * Records to import, readable more than once: the import verifies the whole input before it
 * writes anything, then reads it again to write. Each call opens a new stream in stored order;
 * the caller closes it. A malformed entry raises an exception from the stream, naming where it is.
 */
@FunctionalInterface
public interface RecordSource {

    /**
     * Opens the records from their start.
     *
     * @return a new stream of the records in stored order, which the caller closes
     */
    Stream<AuditRecord> open();
}
