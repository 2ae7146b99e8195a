package io.tidemark.it.kotlin.changes

import io.tidemark.api.ChangeContext
import io.tidemark.api.ChangeUnit
import io.tidemark.api.Execution

/** A change unit written in Kotlin: it records that it ran in [Ledger]. */
@ChangeUnit(id = "kotlin-create-ledger", order = "1", author = "kotlin-team")
class CreateLedger {
    @Execution
    fun apply(context: ChangeContext) {
        Ledger.record(context.changeId())
    }
}
