/**
 * The Tidemark Spring Boot starter, {@code io.tidemark:tidemark-spring-boot-starter}: a dependency that
 * brings everything Tidemark needs in a Spring Boot 4 application except the store, and holds no code of
 * its own (this package only documents it).
 *
 * <h2>What it pulls in</h2>
 * <ul>
 *   <li>{@code tidemark-audit-core}, the library itself, and with it {@code tidemark-audit-api} (the
 *       {@code @ChangeUnit} annotations) and {@code slf4j-api};</li>
 *   <li>{@code tidemark-spring-boot-autoconfigure}, which Spring Boot finds by itself: it creates the
 *       {@code Tidemark} bean, builds the audit store, finds the change units, gives them Spring beans as
 *       parameters and runs them at startup, and adds the {@code tidemark} Actuator endpoint and health
 *       indicator when Actuator is present.</li>
 * </ul>
 * Spring and Spring Boot are not among them: they come from the application, at the versions it
 * chose. No adapter is among them either, because the application chooses its store.
 *
 * <h2>How to use it</h2>
 * <ol>
 *   <li>Add the starter and one adapter ({@code tidemark-adapter-mongodb}, {@code tidemark-adapter-dynamodb}
 *       or {@code tidemark-adapter-couchbase}), their versions taken from {@code tidemark-bom}.</li>
 *   <li>Give Tidemark its store: an existing client bean ({@code MongoClient} with
 *       {@code tidemark.mongodb.database}, {@code DynamoDbClient}, or a Couchbase {@code Cluster} with
 *       {@code tidemark.couchbase.bucket}) is reused; without one, the adapter's {@code tidemark.*}
 *       connection keys build a client of Tidemark's own.</li>
 *   <li>Put change units in the application's package (or name packages in
 *       {@code tidemark.scan-packages}); they run once per store when the application starts
 *       ({@code tidemark.run-mode} says when), and {@code tidemark.enabled=false} switches Tidemark
 *       off.</li>
 * </ol>
 * The keys and their defaults are listed in the auto-configuration's README and in the
 * {@code spring-configuration-metadata.json} that IDEs read for completion.
 */
package io.tidemark.spring.boot.starter;
