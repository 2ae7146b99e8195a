package archfixture.adapter.alpha;

/** Stands for an adapter's class. */
public class AlphaStore {}
