package io.tidemark.adapter.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterSettings;
import java.util.List;
import java.util.Objects;

/**
 * Where a store lives, for people: the server list and the database. Built from what the driver
 * knows of its seed list, never from a connection string, so it cannot carry credentials.
 *
 * @param hosts    {@code host:port} of every seed, or the {@code mongodb+srv://} name of an SRV record
 * @param database the database holding the collections
 */
record MongoLocation(List<String> hosts, String database) {

    MongoLocation {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(database, "database");
    }

    /** The seed list of a connection string (the user name and password are not part of it). */
    static MongoLocation of(ConnectionString connectionString, String database) {
        if (connectionString.isSrvProtocol()) {
            return new MongoLocation(List.of("mongodb+srv://" + connectionString.getHosts().get(0)), database);
        }
        return new MongoLocation(connectionString.getHosts(), database);
    }

    /** The seed list of a client someone else built; asking does not contact the server. */
    static MongoLocation of(MongoClient client, String database) {
        ClusterSettings settings = client.getClusterDescription().getClusterSettings();
        if (settings == null) {
            return new MongoLocation(List.of("unknown hosts"), database);
        }
        if (settings.getSrvHost() != null) {
            return new MongoLocation(List.of("mongodb+srv://" + settings.getSrvHost()), database);
        }
        return new MongoLocation(settings.getHosts().stream().map(ServerAddress::toString).toList(), database);
    }

    /** "MongoDB [h1:27017, h2:27017] database 'app'". */
    String describe() {
        return "MongoDB " + hosts + " database '" + database + "'";
    }

    /** "MongoDB [h1:27017] collection 'app.tidemarkAudit'". */
    String describe(String collection) {
        return "MongoDB " + hosts + " collection '" + database + "." + collection + "'";
    }
}
