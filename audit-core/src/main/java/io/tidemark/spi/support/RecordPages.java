package io.tidemark.spi.support;

import io.tidemark.core.error.UnreadableRecordException;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.ExecutionHistory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns keyset paging ("the next page of records from sequence n") into the lazy stream that
 * {@link ExecutionHistory#readFrom} returns, holding one page at a time. For adapters whose
 * backend reads in pages.
 */
public final class RecordPages {

    private RecordPages() {}

    /**
     * One page of records in ascending sequence order.
     *
     * @param records    the records
     * @param hasMore    whether records may follow the last one; false ends the stream without
     *                   another read
     * @param unreadable the record after the last one, when it could not be decoded: the stream
     *                   throws this once the records before it were consumed, and ends
     */
    public record Page(List<AuditRecord> records, boolean hasMore, Optional<UnreadableRecordException> unreadable) {
        /**
         * Copies the records; checks that every field is set.
         *
         * @param records    the records
         * @param hasMore    whether records may follow the last one; false ends the stream without
         *                   another read
         * @param unreadable the record after the last one, when it could not be decoded: the stream
         *                   throws this once the records before it were consumed, and ends
         */
        public Page {
            records = List.copyOf(Objects.requireNonNull(records, "records"));
            Objects.requireNonNull(unreadable, "unreadable");
        }

        /**
         * A page whose records could all be decoded.
         *
         * @param records the records
         * @param hasMore whether records may follow the last one
         */
        public Page(List<AuditRecord> records, boolean hasMore) {
            this(records, hasMore, Optional.empty());
        }

        /**
         * The page of {@code items} (as the backend returned them, in sequence order) decoded one by
         * one; at the first that {@code decoder} cannot decode the page ends, carrying its
         * {@link UnreadableRecordException} (see {@link ExecutionHistory}).
         *
         * @param <T>     the backend's item type
         * @param items   the items, in sequence order
         * @param decoder turns an item into a record, or throws {@link UnreadableRecordException}
         * @param hasMore whether records may follow the last item
         * @return the page of the records decoded before the first unreadable one, carrying that one's exception
         */
        public static <T> Page decoded(List<T> items, Function<T, AuditRecord> decoder, boolean hasMore) {
            List<AuditRecord> records = new ArrayList<>(items.size());
            for (T item : items) {
                try {
                    records.add(decoder.apply(item));
                } catch (UnreadableRecordException unreadable) {
                    return new Page(records, false, Optional.of(unreadable));
                }
            }
            return new Page(records, hasMore);
        }
    }

    /** Reads one page: records with a sequence of at least {@code fromSeq}, ascending. */
    @FunctionalInterface
    public interface PageReader {
        /**
         * Reads the page starting at {@code fromSeq}.
         *
         * @param fromSeq the lowest sequence to read
         * @return the page; empty when no record has a sequence of at least {@code fromSeq}
         */
        Page read(long fromSeq);
    }

    /**
     * A lazy ascending stream starting at {@code fromSeq}. After each page the next read starts
     * right after the page's last sequence; a page without more, or an empty page, ends it.
     *
     * @param fromSeq the first sequence to read
     * @param reader  reads one page
     * @return the records of every page, lazily
     */
    public static Stream<AuditRecord> stream(long fromSeq, PageReader reader) {
        Iterator<AuditRecord> iterator = new Iterator<>() {
            private long next = fromSeq;
            private Iterator<AuditRecord> page = List.<AuditRecord>of().iterator();
            private boolean more = true;
            private Optional<UnreadableRecordException> unreadable = Optional.empty();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && more) {
                    Page read = reader.read(next);
                    List<AuditRecord> records = read.records();
                    more = read.hasMore() && !records.isEmpty();
                    unreadable = read.unreadable();
                    if (!records.isEmpty()) {
                        next = records.get(records.size() - 1).seq() + 1;
                    }
                    page = records.iterator();
                }
                if (!page.hasNext() && unreadable.isPresent()) {
                    throw unreadable.get();
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
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
