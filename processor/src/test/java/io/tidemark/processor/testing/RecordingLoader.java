package io.tidemark.processor.testing;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class loader over a class output or a jar that records every class it defines itself: the
 * change units and helpers of the compiled module (everything else comes from its parent). An empty
 * record after {@code build()} and {@code run()} proves that no class of the module was loaded.
 */
public final class RecordingLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final List<String> loaded = new ArrayList<>();

    private RecordingLoader(URL... locations) {
        super(locations, RecordingLoader.class.getClassLoader());
    }

    /**
     * A loader over {@code locations} (directories or jars), searched in that order, as a class path of
     * one module or of several.
     */
    public static RecordingLoader over(Path... locations) {
        URL[] urls = new URL[locations.length];
        for (int i = 0; i < locations.length; i++) {
            try {
                urls[i] = locations[i].toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new RecordingLoader(urls);
    }

    /**
     * A loader over {@code location} given as a URL, as it is: for URLs written by hand or by
     * {@code File.toURL()}, whose spaces are not encoded.
     */
    public static RecordingLoader over(URL location) {
        return new RecordingLoader(location);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> found = super.findClass(name);
        synchronized (loaded) {
            loaded.add(name);
        }
        return found;
    }

    /** The classes of this loader's location loaded so far, in order. */
    public List<String> loaded() {
        synchronized (loaded) {
            return List.copyOf(loaded);
        }
    }
}
