package io.tidemark.adapter.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tidemark.core.ConfigSource;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.core.error.ConfigurationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A connection string the driver refuses because of its password (an invalid {@code %} escape, say)
 * gives an error that shows no part of the password: not the whole, not the two characters after a
 * {@code %}, not any other piece of it. The password is built of characters that occur in no word of
 * a message, so that any piece of it showing is a leak.
 */
class SecretInUriTest {

    private static List<String> piecesOf(String secret) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i + 2 <= secret.length(); i++) {
            pieces.add(secret.substring(i, i + 2));
        }
        return pieces;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Qx%zqJ7", "Qx%Z9Jq7", "QxJq7%", "Qx%%Jq7", "Qx%g7Jq"})
    void noPieceOfThePasswordAppearsInTheError(String password) {
        String uri = "mongodb://ops:" + password + "@db1.example:27017/app";
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.of("test", Map.of(MongoAuditStoreProvider.URI, uri)));

        Throwable thrown = catchThrowable(() -> new MongoAuditStoreProvider().create(config, Clock.systemUTC()));

        assertThat(thrown).isInstanceOf(ConfigurationException.class);
        StringBuilder everything = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            everything.append(t).append('\n');
        }
        assertThat(everything.toString())
                .as("the error and its causes")
                .contains(MongoAuditStoreProvider.URI)
                .doesNotContain(piecesOf(password).toArray(String[]::new));
    }

    /**
     * The driver accepts a password with a space in it, unencoded ({@code mongodb://ops:Qx Jq7@...}),
     * and one with an {@code @} and a space it refuses; either way an error quoting the connection
     * string shows none of it (here the {@code w=1} that Tidemark refuses, or the driver's refusal).
     */
    /** The pieces of two letters or digits: a space or an {@code @} may well occur in a message. */
    private static String[] letterPiecesOf(String secret) {
        return piecesOf(secret).stream()
                .filter(piece -> piece.chars().allMatch(Character::isLetterOrDigit))
                .toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Qx Jq7", "Qx@J q7", " QxJq7"})
    void aPasswordWithWhiteSpaceInItIsMaskedWhole(String password) {
        String uri = "mongodb://ops:" + password + "@db1.example:27017/app?w=1";
        TidemarkConfig config = TidemarkConfig.of(ConfigSource.of("test", Map.of(MongoAuditStoreProvider.URI, uri)));

        Throwable thrown = catchThrowable(() -> new MongoAuditStoreProvider().create(config, Clock.systemUTC()));

        assertThat(thrown).isInstanceOf(ConfigurationException.class);
        StringBuilder everything = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            everything.append(t).append('\n');
        }
        assertThat(everything.toString())
                .as("the error and its causes")
                .contains(MongoAuditStoreProvider.URI, "mongodb://ops:****@db1.example:27017/app")
                .doesNotContain(letterPiecesOf(password));
        assertThat(config.toString()).doesNotContain(letterPiecesOf(password));
    }
}
