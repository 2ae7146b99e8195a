package io.tidemark.examples.quickstart;

/**
 * The quickstart itself could not do what it was asked, before or around Tidemark: a malformed
 * {@code quickstart.*} option, a server that would not start, a data file in use. The message says
 * what is wrong and what to do; {@link QuickstartMain} prints it on one line as
 * {@code Quickstart stopped: <message>}. (Tidemark's own errors are
 * {@link io.tidemark.core.error.TidemarkException}s, printed as {@code Tidemark stopped: <message>}.)
 */
public class QuickstartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public QuickstartException(String message) {
        super(message);
    }

    public QuickstartException(String message, Throwable cause) {
        super(message, cause);
    }
}
