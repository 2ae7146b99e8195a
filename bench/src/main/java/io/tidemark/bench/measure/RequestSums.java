package io.tidemark.bench.measure;

import io.tidemark.tck.RequestCounts;
import java.util.Collection;

/** Sums of {@link RequestCounts}: of several repetitions, or of several instances' clients. */
public final class RequestSums {

    private RequestSums() {}

    /** Every one of {@code counts} added up, kind by kind; {@link RequestCounts#NONE} for none. */
    public static RequestCounts sum(Collection<RequestCounts> counts) {
        long auditReads = 0;
        long auditWrites = 0;
        long lockRequests = 0;
        long otherRequests = 0;
        long recordsRead = 0;
        for (RequestCounts each : counts) {
            auditReads += each.auditReads();
            auditWrites += each.auditWrites();
            lockRequests += each.lockRequests();
            otherRequests += each.otherRequests();
            recordsRead += each.recordsRead();
        }
        return new RequestCounts(auditReads, auditWrites, lockRequests, otherRequests, recordsRead);
    }
}
