package archfixture.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Breaks "the API depends on the JDK only". */
public class LogsThroughSlf4j {
    static final Logger LOG = LoggerFactory.getLogger(LogsThroughSlf4j.class);
}
