package io.tidemark.cli;

/**
 * A file given to the command line cannot be read or written, or is not what it should be; the
 * message names the file (and the line, for a malformed import).
 */
final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidInputException(String message) {
        super(message);
    }
}
