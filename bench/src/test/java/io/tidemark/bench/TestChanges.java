package io.tidemark.bench;

import io.tidemark.bench.changes.GeneratedChanges;

/** Generated change units shared by the tests of one JVM: compiled once, on first use. */
final class TestChanges {

    /** How many are generated; tests use the first few. */
    static final int COUNT = 40;

    private static GeneratedChanges changes;

    private TestChanges() {}

    static synchronized GeneratedChanges get() {
        if (changes == null) {
            changes = GeneratedChanges.compile(COUNT);
        }
        return changes;
    }
}
