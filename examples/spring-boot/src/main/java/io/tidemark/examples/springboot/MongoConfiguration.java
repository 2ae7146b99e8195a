package io.tidemark.examples.springboot;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's MongoDB client, which Tidemark reuses: a server named by {@code example.mongodb.uri},
 * or else MongoDB served in this process by mongo-java-server, in memory, so that the example runs with
 * nothing installed.
 */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    /** The in-process server, when no {@code example.mongodb.uri} is given; stopped with the application. */
    record EmbeddedServer(Optional<MongoServer> server, String connectionString) implements AutoCloseable {
        @Override
        public void close() {
            server.ifPresent(MongoServer::shutdownNow);
        }
    }

    @Bean
    EmbeddedServer mongoServer(@Value("${example.mongodb.uri:}") String uri) {
        if (!uri.isBlank()) {
            return new EmbeddedServer(Optional.empty(), uri);
        }
        MongoServer server = new MongoServer(new MemoryBackend());
        String connectionString = server.bindAndGetConnectionString();
        log.info("MongoDB served in this process by mongo-java-server at {} (in memory)", connectionString);
        return new EmbeddedServer(Optional.of(server), connectionString);
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(EmbeddedServer server) {
        return MongoClients.create(server.connectionString());
    }

    @Bean
    MongoDatabase shopDatabase(MongoClient client, @Value("${example.database}") String database) {
        return client.getDatabase(database);
    }
}
