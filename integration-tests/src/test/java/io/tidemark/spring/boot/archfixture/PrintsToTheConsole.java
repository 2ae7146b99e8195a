package io.tidemark.spring.boot.archfixture;

/** Breaks "library code logs through slf4j". */
public class PrintsToTheConsole {
    void report() {
        System.err.println("Tidemark started");
    }
}
