package io.tidemark.spring.boot.archfixture;

import io.tidemark.core.internal.text.RecordText;

/** Breaks "nothing outside audit-core uses io.tidemark.core.internal..". */
public class UsesAnInternalOfTheCore {
    boolean check(String text) {
        return RecordText.isWellFormed(text);
    }
}
