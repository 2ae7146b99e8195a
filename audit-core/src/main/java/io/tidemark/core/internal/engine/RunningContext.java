package io.tidemark.core.internal.engine;

import io.tidemark.api.ChangeContext;
import io.tidemark.core.internal.loading.ChangeDefinition;
import io.tidemark.core.internal.text.RecordText;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@link ChangeContext} of one invocation; collects the metadata the change attaches. */
final class RunningContext implements ChangeContext {

    static final int MAX_KEY_LENGTH = RecordText.MAX_METADATA_KEY_LENGTH;
    static final int MAX_VALUE_LENGTH = RecordText.MAX_METADATA_VALUE_LENGTH;
    static final int MAX_ENTRIES = RecordText.MAX_METADATA_ENTRIES;

    private final String executionId;
    private final ChangeDefinition change;
    private final String chain;
    private final String instanceId;
    private final Instant startedAt;
    private final boolean rerun;
    private final boolean rollback;
    private final Map<String, String> metadata = Collections.synchronizedMap(new LinkedHashMap<>());

    RunningContext(
            String executionId,
            ChangeDefinition change,
            String chain,
            String instanceId,
            Instant startedAt,
            boolean rerun,
            boolean rollback) {
        this.executionId = executionId;
        this.change = change;
        this.chain = chain;
        this.instanceId = instanceId;
        this.startedAt = startedAt;
        this.rerun = rerun;
        this.rollback = rollback;
    }

    @Override
    public String executionId() {
        return executionId;
    }

    @Override
    public String changeId() {
        return change.id();
    }

    @Override
    public String order() {
        return change.order();
    }

    @Override
    public String author() {
        return change.author();
    }

    @Override
    public String chain() {
        return chain;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public boolean isRerun() {
        return rerun;
    }

    @Override
    public boolean isRollback() {
        return rollback;
    }

    /**
     * Checks and keeps one entry; the rules are those of {@link RecordText}: keys must be well-formed
     * and short, values are made well-formed (an unpaired surrogate becomes U+FFFD) and bounded.
     */
    @Override
    public void putMetadata(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("Metadata keys must be 1 to " + MAX_KEY_LENGTH + " characters: " + key);
        }
        RecordText.requireIdentifier(key, "metadata key", MAX_KEY_LENGTH);
        if (key.startsWith("tidemark.")) {
            throw new IllegalArgumentException("Metadata keys starting with 'tidemark.' are reserved: " + key);
        }
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("Metadata value of '" + key + "' must be non-null and at most "
                    + MAX_VALUE_LENGTH + " characters" + (value == null ? "" : ", not " + value.length()));
        }
        synchronized (metadata) {
            if (!metadata.containsKey(key) && metadata.size() >= MAX_ENTRIES) {
                throw new IllegalArgumentException("At most " + MAX_ENTRIES + " metadata entries per record");
            }
            metadata.put(key, RecordText.repaired(value));
        }
    }

    Map<String, String> metadata() {
        synchronized (metadata) {
            return Map.copyOf(metadata);
        }
    }
}
