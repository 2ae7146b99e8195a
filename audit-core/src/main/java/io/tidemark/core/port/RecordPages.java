package io.tidemark.core.port;

import io.tidemark.core.model.AuditRecord;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns keyset paging ("the next page of records from sequence n") into the lazy stream that
 * {@link ExecutionHistory#readFrom} returns, holding one page at a time. For adapters whose
 * backend reads in pages.
 */
public final class RecordPages {

    private RecordPages() {
    }

    /**
     * One page of records in ascending sequence order.
     *
     * @param records the records
     * @param hasMore whether records may follow the last one; false ends the stream without
     *                another read
     */
    public record Page(List<AuditRecord> records, boolean hasMore) {
        public Page {
            records = List.copyOf(Objects.requireNonNull(records, "records"));
        }
    }

    /** Reads one page: records with a sequence of at least {@code fromSeq}, ascending. */
    @FunctionalInterface
    public interface PageReader {
        Page read(long fromSeq);
    }

    /**
     * A lazy ascending stream starting at {@code fromSeq}. After each page the next read starts
     * right after the page's last sequence; a page without more, or an empty page, ends it.
     */
    public static Stream<AuditRecord> stream(long fromSeq, PageReader reader) {
        Iterator<AuditRecord> iterator = new Iterator<>() {
            private long next = fromSeq;
            private Iterator<AuditRecord> page = List.<AuditRecord>of().iterator();
            private boolean more = true;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && more) {
                    Page read = reader.read(next);
                    List<AuditRecord> records = read.records();
                    more = read.hasMore() && !records.isEmpty();
                    if (!records.isEmpty()) {
                        next = records.get(records.size() - 1).seq() + 1;
                    }
                    page = records.iterator();
                }
                return page.hasNext();
            }

            @Override
            public AuditRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
