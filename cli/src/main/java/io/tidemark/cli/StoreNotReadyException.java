package io.tidemark.cli;

/**
 * A command that creates nothing found the store without the tables, collections or indexes it
 * needs (or with ones of the wrong shape). The message names them and says how to fix it; the exit
 * code depends on the command (see {@link StoreCommand#notReadyExitCode()}).
 */
final class StoreNotReadyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    StoreNotReadyException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
