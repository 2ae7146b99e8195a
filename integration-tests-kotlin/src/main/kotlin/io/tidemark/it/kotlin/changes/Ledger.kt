package io.tidemark.it.kotlin.changes

/** What the Kotlin change units did, for the tests to read. */
object Ledger {
    private val ran = mutableListOf<String>()

    @Synchronized
    fun record(changeId: String) {
        ran.add(changeId)
    }

    @Synchronized
    fun ran(): List<String> = ran.toList()
}
