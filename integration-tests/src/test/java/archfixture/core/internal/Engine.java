package archfixture.core.internal;

/** Stands for an internal class of the core. */
public class Engine {}
