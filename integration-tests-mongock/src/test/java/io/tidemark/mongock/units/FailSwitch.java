package io.tidemark.mongock.units;

/**
 * Which changes fail in this environment: injected into the change units by Mongock and by Tidemark
 * alike, so that the same classes fail under Mongock and succeed under Tidemark, as a change does once
 * the data that made it fail is fixed.
 */
public interface FailSwitch {

    boolean failing(String changeId);

    /** A switch under which nothing fails. */
    static FailSwitch none() {
        return changeId -> false;
    }
}
