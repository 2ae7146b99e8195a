package archfixture.adapter.alpha.testing;

/** Stands for a fixture in an adapter's test jar. */
public class AlphaTestServer {}
