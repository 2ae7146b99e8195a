/** The hash chain: canonical encoding, hashing and verification of audit records. */
package io.tidemark.core.chain;
