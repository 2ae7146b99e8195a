/**
 * Tidemark's change-unit API: what change units compile against ({@code @ChangeUnit},
 * {@code @Execution}, {@code @RollbackExecution}, {@code Recovery}, {@code ChangeContext}). Depends on
 * the JDK alone.
 */
module io.tidemark.api {
    exports io.tidemark.api;
}
