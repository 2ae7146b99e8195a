package io.tidemark.cli;

/** A file given to the command line is not what it should be; the message names the file and line. */
final class MalformedInputException extends RuntimeException {

    MalformedInputException(String message) {
        super(message);
    }
}
