package io.tidemark.core.internal.loading;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reading Spring Boot's {@code nested:} jar file URLs: only a directory nested in a jar file is a root. */
class NestedClassesRootTest {

    /** A URL of any protocol, without a handler that could open it: only its text is read. */
    private static URL url(String text) throws MalformedURLException {
        return new URL(null, text, new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                throw new UnsupportedOperationException();
            }
        });
    }

    @Test
    void theClassesDirectoryOfAFatJar() throws MalformedURLException {
        assertThat(NestedClassesRoot.of(url("nested:/srv/app/shop.jar/!BOOT-INF/classes/")))
                .contains(new NestedClassesRoot(Path.of("/srv/app/shop.jar"), "BOOT-INF/classes/"));
    }

    @Test
    void thePathIsPercentDecodedAndAPlusStaysAPlus() throws MalformedURLException {
        assertThat(NestedClassesRoot.of(url("nested:/srv/my%20apps/c++/shop.jar/!WEB-INF/classes/")))
                .map(NestedClassesRoot::jar)
                .contains(Path.of("/srv/my apps/c++/shop.jar"));
    }

    @Test
    void theLastSeparatorSplitsTheFileFromTheDirectory() throws MalformedURLException {
        assertThat(NestedClassesRoot.of(url("nested:/srv/odd/!dir/shop.jar/!BOOT-INF/classes/")))
                .contains(new NestedClassesRoot(Path.of("/srv/odd/!dir/shop.jar"), "BOOT-INF/classes/"));
    }

    @Test
    void aJarNestedInTheJarOrAnotherProtocolIsNot() throws MalformedURLException {
        assertThat(NestedClassesRoot.of(url("nested:/srv/app/shop.jar/!BOOT-INF/lib/driver.jar")))
                .isEmpty();
        assertThat(NestedClassesRoot.of(url("nested:/srv/app/shop.jar"))).isEmpty();
        assertThat(NestedClassesRoot.of(url("file:/srv/app/shop.jar"))).isEmpty();
        assertThat(NestedClassesRoot.of(url("nested:/srv/app/shop.jar/!BOOT-INF/classes/%zz/")))
                .isEmpty();
    }

    @Test
    void describedAsTheJarAndTheDirectory() {
        assertThat(new NestedClassesRoot(Path.of("/srv/app/shop.jar"), "BOOT-INF/classes/").describe())
                .isEqualTo(Path.of("/srv/app/shop.jar") + "!/BOOT-INF/classes/");
    }
}
