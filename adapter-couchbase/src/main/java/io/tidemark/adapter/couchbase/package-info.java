/** Tidemark's ports on couchbase. */
package io.tidemark.adapter.couchbase;
