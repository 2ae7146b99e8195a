/**
 * Tidemark's optional annotation processor, {@link io.tidemark.processor.ChangeUnitIndexProcessor}:
 * put it on the compiler's processor path and it writes, next to the compiled change units, an index
 * that lets an idle start skip loading them, and the GraalVM reflection metadata they need. The
 * library works the same without it; the index only saves start-up time.
 */
package io.tidemark.processor;
