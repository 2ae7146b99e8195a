package io.tidemark.tck;

/**
 * How a change unit writes through a store's transaction handle, for the transaction suite: one
 * marker per key, written through the handle, and looked up afterwards outside any transaction.
 */
public interface TransactionalWrites {

    /**
     * Writes a marker named {@code key} through {@code handle}, an instance of the store's
     * {@code TransactionSupport.handleType()}, as a change unit would.
     *
     * @param handle the transaction's handle
     * @param key    the marker's name
     */
    void write(Object handle, String key);

    /**
     * Whether the marker named {@code key} is stored (committed).
     *
     * @param key the marker's name
     * @return whether the marker named {@code key} is stored (committed)
     */
    boolean isStored(String key);
}
