package io.tidemark.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test its own Tidemark to test change units with, with nothing running: a fresh
 * {@link io.tidemark.core.memory.InMemoryAuditStore}, a {@link TestClock} that moves only when told
 * to, and a {@link io.tidemark.core.TidemarkBuilder} preset with them. Take them as parameters of a
 * {@code @Test}, {@code @BeforeEach} or {@code @AfterEach} method, or in fields marked
 * {@link TidemarkInject}:
 *
 * <pre>{@code
 * @TidemarkTest
 * class AddVatRatesTest {
 *     @Test
 *     void addsTheRates(TidemarkBuilder tidemark, InMemoryAuditStore store) {
 *         PriceList prices = new PriceList();
 *
 *         RunReport report = tidemark.changeUnits(AddVatRates.class).dependency(prices).build().run();
 *
 *         assertThat(report).applied("add-vat-rates");
 *         assertThat(chain(store)).verifies().hasMetadata("add-vat-rates", "rates", "3");
 *     }
 * }
 * }</pre>
 *
 * <p>What each test gets, and why:
 * <ul>
 *   <li>The store, the clock and the builder belong to one test: every parameter and field of that test
 *       (its {@code @BeforeEach} and {@code @AfterEach} methods, outer instances of a {@code @Nested}
 *       class included) sees the same three, and no other test sees them, also when JUnit runs tests in
 *       parallel.</li>
 *   <li>The clock starts at {@link TestClock#DEFAULT_START}; the builder takes time from it, and waits
 *       for a held lock by advancing it ({@link TestClock#sleeper()}) instead of sleeping, so a test
 *       never waits in real time.</li>
 *   <li>The builder reads no configuration ({@code TidemarkConfig.of()}): no {@code tidemark.*} system
 *       property, environment variable or {@code tidemark.properties} of the machine running the tests
 *       reaches it. Its chain is {@code default} and its instance id {@value TidemarkExtension#INSTANCE_ID}.
 *       Add your change units and dependencies, then {@code build()}.</li>
 * </ul>
 *
 * <p>Not available in constructors and {@code @BeforeAll} methods, which serve several tests.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TidemarkExtension.class)
public @interface TidemarkTest {}
