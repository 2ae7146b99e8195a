package archfixture.adapter.beta;

import archfixture.adapter.alpha.AlphaStore;

/** Breaks "adapters are independent". */
public class UsesAlpha {
    AlphaStore alpha = new AlphaStore();
}
