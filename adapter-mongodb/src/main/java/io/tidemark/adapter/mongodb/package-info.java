/** Tidemark's ports on mongodb. */
package io.tidemark.adapter.mongodb;
