package archfixture.spi;

import archfixture.core.internal.Engine;

/** Breaks "the SPI does not depend on the internals". */
public interface PortUsesAnInternal {
    Engine engine();
}
