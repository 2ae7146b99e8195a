package archfixture.cycle.a;

import archfixture.cycle.b.Second;

/** Half of a package cycle. */
public class First {
    Second second;
}
