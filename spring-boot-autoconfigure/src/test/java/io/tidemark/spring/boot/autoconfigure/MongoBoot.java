package io.tidemark.spring.boot.autoconfigure;

import com.mongodb.client.MongoClient;
import io.tidemark.adapter.mongodb.testing.EmbeddedMongoServer;
import io.tidemark.spring.boot.autoconfigure.actuate.TidemarkActuatorAutoConfiguration;
import io.tidemark.spring.boot.autoconfigure.fixtures.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the MongoDB tests share: one mongo-java-server, a database per test, and ways to start a context on it. */
final class MongoBoot {

    static final EmbeddedMongoServer SERVER = EmbeddedMongoServer.start();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    static final String BASIC = "tidemark.scan-packages=io.tidemark.spring.boot.autoconfigure.fixtures.basic";

    private MongoBoot() {}

    /** A database no other test uses. */
    static String freshDatabase() {
        return "boot" + DATABASES.incrementAndGet();
    }

    /** The context runner with Tidemark's auto-configurations and the fixture beans. */
    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(TidemarkAutoConfiguration.class, TidemarkActuatorAutoConfiguration.class))
                .withUserConfiguration(Fixtures.class);
    }

    /** The states of the audit records in {@code database}, in order, as "changeId:STATE". */
    static List<String> auditRecords(String database) {
        List<String> records = new ArrayList<>();
        for (Document record : SERVER.client()
                .getDatabase(database)
                .getCollection("tidemarkAudit")
                .find()
                .sort(new Document("seq", 1))) {
            records.add(record.getString("changeId") + ":" + record.getString("state"));
        }
        return records;
    }

    /** Starts a whole Spring application (runners included, no web server) with Tidemark's auto-configurations. */
    static ConfigurableApplicationContext start(List<Class<?>> sources, String... properties) {
        List<Class<?>> all = new ArrayList<>(sources);
        all.add(TidemarkOnly.class);
        all.add(Fixtures.class);
        return new SpringApplicationBuilder(all.toArray(Class<?>[]::new))
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run();
    }

    /** Tidemark's auto-configurations and nothing else, as an application imports them. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({TidemarkAutoConfiguration.class, TidemarkActuatorAutoConfiguration.class})
    static class TidemarkOnly {}

    /** The application's own MongoClient bean, counting the commands it sends. */
    @Configuration(proxyBeanMethods = false)
    static class MongoClientBean {
        @Bean
        MongoCommandCounter mongoCommandCounter() {
            return new MongoCommandCounter();
        }

        @Bean(destroyMethod = "close")
        MongoClient mongoClient(MongoCommandCounter counter) {
            return SERVER.newClient(settings -> settings.addCommandListener(counter));
        }
    }
}
