package io.tidemark.core.memory;

import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.ExecutionHistory;
import io.tidemark.spi.support.RecordPages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the in-memory chains in pages of {@value #PAGE_SIZE}, one request per page. */
final class InMemoryExecutionHistory implements ExecutionHistory {

    static final int PAGE_SIZE = 100;

    private final InMemoryAuditStore store;

    InMemoryExecutionHistory(InMemoryAuditStore store) {
        this.store = store;
    }

    @Override
    public Optional<AuditRecord> tip(String chain) {
        store.request();
        Map.Entry<Long, AuditRecord> last = store.chain(chain).lastEntry();
        return last == null ? Optional.empty() : Optional.of(store.decode(last.getValue()));
    }

    @Override
    public Stream<AuditRecord> readFrom(String chain, long fromSeq) {
        return RecordPages.stream(fromSeq, from -> {
            store.request();
            List<AuditRecord> page = new ArrayList<>(PAGE_SIZE + 1);
            for (AuditRecord record : store.chain(chain).tailMap(from, true).values()) {
                page.add(record);
                if (page.size() > PAGE_SIZE) {
                    break;
                }
            }
            boolean hasMore = page.size() > PAGE_SIZE;
            return RecordPages.Page.decoded(hasMore ? page.subList(0, PAGE_SIZE) : page, store::decode, hasMore);
        });
    }
}
