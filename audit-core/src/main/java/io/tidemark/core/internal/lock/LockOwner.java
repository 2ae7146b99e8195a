package io.tidemark.core.internal.lock;

/**
 * How the engine names the owner of the chain's lock: {@code <instanceId>/<purpose>} (a run, an
 * operator's mark, an import, each with an id of its own), so that a lease tells which instance holds
 * it. A purpose never holds {@code /}; an instance id may, so the instance is everything before the
 * last one.
 */
public final class LockOwner {

    private LockOwner() {}

    /** {@return the owner name of a hold taken by {@code instanceId} for {@code purpose}} */
    public static String of(String instanceId, String purpose) {
        if (purpose.indexOf('/') >= 0) {
            throw new IllegalArgumentException("A lock purpose holds no '/': " + purpose);
        }
        return instanceId + "/" + purpose;
    }

    /** {@return whether {@code owner}, as {@link #of} names it, is a hold taken by {@code instanceId}} */
    public static boolean isTakenBy(String owner, String instanceId) {
        int slash = owner.lastIndexOf('/');
        return slash >= 0 && owner.substring(0, slash).equals(instanceId);
    }
}
