/** Tidemark's ports on dynamodb. */
package io.tidemark.adapter.dynamodb;
