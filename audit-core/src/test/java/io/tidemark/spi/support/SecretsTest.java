package io.tidemark.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tidemark.couchbase.password",
                "tidemark.dynamodb.secret-access-key",
                "tidemark.x.session-token",
                "tidemark.x.credentials",
                "tidemark.dynamodb.access-key-id"
            })
    void secretKeysAreRecognised(String key) {
        assertThat(Secrets.isSecretKey(key)).isTrue();
        assertThat(Secrets.display(key, "value")).isEqualTo(Secrets.MASK);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tidemark.chain",
                "tidemark.dynamodb.table-prefix",
                "tidemark.mongodb.uri",
                "tidemark.couchbase.username"
            })
    void ordinaryKeysAreShown(String key) {
        assertThat(Secrets.isSecretKey(key)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mongodb://app:s3cret@db1:27017/prod|mongodb://app:****@db1:27017/prod",
                "mongodb+srv://u:p%40ss@cluster0.example.net/?retryWrites=true|mongodb+srv://u:****@cluster0.example.net/?retryWrites=true",
                "couchbase://db1,db2|couchbase://db1,db2",
                "failed to reach mongodb://a:b@h:1 and http://c:d@e|failed to reach mongodb://a:****@h:1 and http://c:****@e",
                "mongodb://onlyuser@h:1|mongodb://onlyuser@h:1",
                "mongodb://app:S3cr/et@db1/app|mongodb://app:****@db1/app",
                "mongodb://app:p@ss@db1/app|mongodb://app:****@db1/app",
                "uri 'mongodb://app:a:b/c@d@db1,db2/app?w=majority' is invalid|uri 'mongodb://app:****@db1,db2/app?w=majority' is invalid",
                "http://host:8000/path|http://host:8000/path",
                "no uri here: user:pass@host|no uri here: user:pass@host"
            })
    void uriPasswordsAreMasked(String text, String masked) {
        assertThat(Secrets.maskUriPasswords(text)).isEqualTo(masked);
    }

    /**
     * A configured value is one URI, so its user information runs to its last {@code @} even across
     * white space: the MongoDB driver takes {@code mongodb://app:correct horse@db1/app} as user
     * {@code app}, password {@code correct horse}, and a scan that stops at the space showed it whole.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mongodb://app:correct horse@db1:27017/app?w=1|mongodb://app:****@db1:27017/app?w=1",
                "mongodb://ops team:Qx7Jq@db1/app|mongodb://ops team:****@db1/app",
                "mongodb://app:p@ss word@db1/app|mongodb://app:****@db1/app",
                "mongodb://app:	tabbed	@db1/app|mongodb://app:****@db1/app",
                "http://localhost:8000|http://localhost:8000"
            })
    void aConfiguredValueIsMaskedAsOneUriEvenWithWhiteSpaceInIt(String value, String shown) {
        assertThat(Secrets.display("tidemark.mongodb.uri", value)).isEqualTo(shown);
    }
}
