package archfixture.cycle.b;

import archfixture.cycle.a.First;

/** The other half of a package cycle. */
public class Second {
    First first;
}
