package archfixture.core;

import archfixture.adapter.alpha.AlphaStore;

/** Breaks "core sees no adapter": what importing an adapter class from core looks like. */
public class UsesAnAdapter {
    AlphaStore store = new AlphaStore();
}
