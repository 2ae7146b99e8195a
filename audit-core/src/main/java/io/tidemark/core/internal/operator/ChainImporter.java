package io.tidemark.core.internal.operator;

import io.tidemark.core.chain.VerificationCursor;
import io.tidemark.core.chain.VerificationResult;
import io.tidemark.core.error.ChainBrokenException;
import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.error.LockLostException;
import io.tidemark.core.error.StoreUnavailableException;
import io.tidemark.core.internal.chain.ChainVerifier;
import io.tidemark.core.internal.engine.ChainState;
import io.tidemark.core.internal.engine.ChainWriter;
import io.tidemark.core.internal.engine.InterruptFlag;
import io.tidemark.core.internal.lock.LeaseKeeper;
import io.tidemark.core.operator.ImportProgress;
import io.tidemark.core.operator.RecordSource;
import io.tidemark.spi.AuditRecord;
import io.tidemark.spi.AuditStore;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Copies a chain into an empty chain of a store, record for record, hashes unchanged:
 *
 * <ol>
 *   <li>read the whole input once and verify it as a chain (sequences from 1, hashes, links); a
 *       broken or malformed input stops here, before anything is written;</li>
 *   <li>under the target chain's lock, check that the target chain is empty;</li>
 *   <li>read the input again and append each record exactly as it is, through the one
 *       {@link ChainWriter} (lease checked, sequence and previous hash checked against the tip,
 *       conditional on the sequence), verifying again as it goes (the input could have changed
 *       between the passes);</li>
 *   <li>verify the target chain from the store.</li>
 * </ol>
 *
 * <p>The chain name is part of every record's hash, so a chain is imported under its own name.
 */
final class ChainImporter {

    private final AuditStore store;
    private final String chain;
    private final ImportProgress progress;

    ChainImporter(AuditStore store, String chain, ImportProgress progress) {
        this.store = store;
        this.chain = chain;
        this.progress = progress;
    }

    /** Verifies the input; throws when it is broken. */
    VerificationResult.Intact verifyInput(RecordSource source) {
        VerificationCursor cursor = new VerificationCursor(chain);
        try (Stream<AuditRecord> records = source.open()) {
            Iterator<AuditRecord> iterator = records.iterator();
            long count = 0;
            while (iterator.hasNext()) {
                AuditRecord record = iterator.next();
                requireChain(record);
                Optional<VerificationResult.Broken> broken = cursor.accept(record);
                if (broken.isPresent()) {
                    throw new ChainBrokenException(
                            chain,
                            broken.get().seq(),
                            "The input is not an intact chain, " + "nothing was written: "
                                    + broken.get().describe());
                }
                if (++count % 1_000 == 0) {
                    progress.advanced("verifying", count);
                }
            }
            progress.advanced("verifying", count);
        }
        return cursor.result();
    }

    /** Writes the verified input into the empty target chain; the caller holds the lock. */
    VerificationResult write(RecordSource source, VerificationResult.Intact expected, LeaseKeeper keeper) {
        if (store.history().tip(chain).isPresent()) {
            throw new ConfigurationException("Chain '" + chain + "' in " + store.describe() + " is not empty: records "
                    + "are imported into an empty chain only, so that the copy keeps every hash. Import into another "
                    + "table, collection or key prefix, or, if these records are left from an interrupted import, "
                    + "delete them from the store and import again.");
        }
        InterruptFlag interrupts = new InterruptFlag();
        ChainWriter writer = new ChainWriter(store, keeper, ChainState.tipOnly(chain), interrupts);
        VerificationCursor cursor = new VerificationCursor(chain);
        long count = 0;
        try (Stream<AuditRecord> records = source.open()) {
            writer.prepareAppends(expected.tipSeq());
            Iterator<AuditRecord> iterator = records.iterator();
            while (iterator.hasNext()) {
                AuditRecord record = iterator.next();
                requireChain(record);
                Optional<VerificationResult.Broken> broken = cursor.accept(record);
                if (broken.isPresent()) {
                    throw new ChainBrokenException(
                            chain,
                            broken.get().seq(),
                            "The input changed while it was "
                                    + "imported; records 1 to " + (broken.get().seq() - 1) + " were written: "
                                    + broken.get().describe());
                }
                writer.appendSealed(record);
                if (++count % 1_000 == 0) {
                    progress.advanced("writing", count);
                }
            }
        } catch (StoreUnavailableException e) {
            if (count == 0) {
                throw e;
            }
            throw new StoreUnavailableException(e.getMessage() + cutOff(count, expected), e);
        } catch (LockLostException e) {
            if (count == 0) {
                throw e;
            }
            throw new LockLostException(e.getMessage() + cutOff(count, expected), e);
        } finally {
            interrupts.restore();
        }
        progress.advanced("writing", count);
        if (cursor.result().records() != expected.records()
                || !cursor.result().tipHash().equals(expected.tipHash())) {
            throw new ChainBrokenException(
                    chain,
                    cursor.result().tipSeq(),
                    "The input changed between verification "
                            + "and writing: expected " + expected.records() + " records ending in " + expected.tipHash()
                            + ", wrote " + cursor.result().records());
        }
        return new ChainVerifier(store.history()).verify(chain);
    }

    /**
     * What an import cut off after {@code written} records left behind, and how to recover: the
     * target chain is not empty any more, so a plain retry is refused.
     */
    private String cutOff(long written, VerificationResult.Intact expected) {
        return " The import stopped there: records 1 to " + written + " of " + expected.records()
                + " were written to chain '" + chain + "' of " + store.describe() + " (seq " + (written + 1)
                + " may have been written too), so that chain is now an incomplete copy, and importing again is "
                + "refused while it holds them. Delete chain '" + chain + "' there and import again, or import "
                + "into another table, collection or key prefix.";
    }

    private void requireChain(AuditRecord record) {
        if (!record.chain().equals(chain)) {
            throw new ChainBrokenException(
                    chain,
                    record.seq(),
                    "Record seq " + record.seq() + " belongs to chain '"
                            + record.chain() + "', not '" + chain
                            + "'; the chain name is part of each hash, so import a chain "
                            + "under its own name (tidemark.chain=" + record.chain() + "). Nothing was written.");
        }
    }
}
