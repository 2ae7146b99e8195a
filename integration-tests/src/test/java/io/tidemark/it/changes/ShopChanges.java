package io.tidemark.it.changes;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.api.Recovery;
import io.tidemark.api.RollbackExecution;
import io.tidemark.core.Tidemark;
import io.tidemark.core.TidemarkBuilder;
import io.tidemark.core.TidemarkConfig;
import io.tidemark.spi.AuditStore;
import java.util.List;

/**
 * The change set every scenario runs: the 22 migrations of an imaginary shop. Each one's effect is
 * an increment of its counter in the backend ({@link ChangeEffects}).
 *
 * <ul>
 *   <li>Orders are version-like and exercise numeric ordering: {@code 9} runs before {@code 10},
 *       {@code 10.1} before {@code 10.2}, {@code 13} before {@code 20}.</li>
 *   <li>Six have a rollback, which undoes the effect; among them {@value #FAILING}, which tests make
 *       fail after its effect, so that it is rolled back.</li>
 *   <li>{@value #CRASH_MANUAL} needs an operator when left unfinished (the default recovery);
 *       {@value #RETRYABLE} says {@code recovery = RETRY} and is run again by itself.</li>
 * </ul>
 */
public final class ShopChanges {

    /** The change tests make fail (it has a rollback). */
    public static final String FAILING = "import-legacy-orders";
    /** A change without automatic recovery, in which a child JVM is killed. */
    public static final String CRASH_MANUAL = "migrate-invoices";
    /** The change with {@code recovery = RETRY}. */
    public static final String RETRYABLE = "rebuild-search-index";

    private ShopChanges() {}

    /** Every change unit, alphabetically (not in the order they run). */
    public static final List<Class<?>> ALL = List.of(
            AddCouponExpiry.class,
            AddCustomerEmailIndex.class,
            AddOrderStatus.class,
            ArchiveOldOrders.class,
            BackfillCustomerEmails.class,
            CreateCarts.class,
            CreateCoupons.class,
            CreateCustomers.class,
            CreateInvoices.class,
            CreateOrders.class,
            CreateProducts.class,
            CreateShipments.class,
            EnableLoyaltyPoints.class,
            ExpireOldCarts.class,
            ImportLegacyOrders.class,
            LinkShipmentsToOrders.class,
            MigrateInvoices.class,
            RebuildSearchIndex.class,
            SeedCountries.class,
            SeedCoupons.class,
            SeedProductCategories.class,
            SplitCustomerNames.class);

    /** Their ids in the order they run. */
    public static final List<String> IDS_IN_ORDER = List.of(
            "create-customers",
            "create-orders",
            "seed-countries",
            "add-customer-email-index",
            "backfill-customer-emails",
            "create-invoices",
            "split-customer-names",
            "migrate-invoices",
            "create-products",
            "seed-product-categories",
            "import-legacy-orders",
            "add-order-status",
            "rebuild-search-index",
            "create-carts",
            "expire-old-carts",
            "create-coupons",
            "seed-coupons",
            "add-coupon-expiry",
            "create-shipments",
            "link-shipments-to-orders",
            "archive-old-orders",
            "enable-loyalty-points");

    /**
     * A Tidemark running this change set on {@code store} (chain {@code default}) with {@code effects},
     * reading no configuration from the environment.
     */
    public static TidemarkBuilder engine(AuditStore store, ChangeEffects effects) {
        return Tidemark.builder()
                .auditStore(store)
                .configuration(TidemarkConfig.of())
                .changeUnits(ALL.toArray(Class<?>[]::new))
                .dependency(ChangeEffects.class, effects);
    }

    @ChangeUnit(id = "create-customers", order = "1", author = "shop-team")
    public static final class CreateCustomers {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "create-orders", order = "2", author = "shop-team")
    public static final class CreateOrders {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }

        @RollbackExecution
        public void undo(ChangeEffects effects, ChangeContext context) {
            effects.undo(context);
        }
    }

    @ChangeUnit(id = "seed-countries", order = "2.1", author = "shop-team")
    public static final class SeedCountries {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "add-customer-email-index", order = "3", author = "shop-team")
    public static final class AddCustomerEmailIndex {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "backfill-customer-emails", order = "3.1", author = "shop-team")
    public static final class BackfillCustomerEmails {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }

        @RollbackExecution
        public void undo(ChangeEffects effects, ChangeContext context) {
            effects.undo(context);
        }
    }

    @ChangeUnit(id = "create-invoices", order = "4", author = "shop-team")
    public static final class CreateInvoices {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "split-customer-names", order = "5", author = "shop-team")
    public static final class SplitCustomerNames {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }

        @RollbackExecution
        public void undo(ChangeEffects effects, ChangeContext context) {
            effects.undo(context);
        }
    }

    @ChangeUnit(id = "migrate-invoices", order = "6", author = "shop-team")
    public static final class MigrateInvoices {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "create-products", order = "7", author = "shop-team")
    public static final class CreateProducts {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "seed-product-categories", order = "7.1", author = "shop-team")
    public static final class SeedProductCategories {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "import-legacy-orders", order = "8", author = "shop-team")
    public static final class ImportLegacyOrders {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }

        @RollbackExecution
        public void undo(ChangeEffects effects, ChangeContext context) {
            effects.undo(context);
        }
    }

    @ChangeUnit(id = "add-order-status", order = "9", author = "shop-team")
    public static final class AddOrderStatus {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "rebuild-search-index", order = "10", author = "shop-team", recovery = Recovery.RETRY)
    public static final class RebuildSearchIndex {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "create-carts", order = "10.1", author = "shop-team")
    public static final class CreateCarts {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "expire-old-carts", order = "10.2", author = "shop-team")
    public static final class ExpireOldCarts {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }

        @RollbackExecution
        public void undo(ChangeEffects effects, ChangeContext context) {
            effects.undo(context);
        }
    }

    @ChangeUnit(id = "create-coupons", order = "11", author = "shop-team")
    public static final class CreateCoupons {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "seed-coupons", order = "11.1", author = "shop-team")
    public static final class SeedCoupons {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "add-coupon-expiry", order = "12", author = "shop-team")
    public static final class AddCouponExpiry {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "create-shipments", order = "12.1", author = "shop-team")
    public static final class CreateShipments {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "link-shipments-to-orders", order = "12.2", author = "shop-team")
    public static final class LinkShipmentsToOrders {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }

        @RollbackExecution
        public void undo(ChangeEffects effects, ChangeContext context) {
            effects.undo(context);
        }
    }

    @ChangeUnit(id = "archive-old-orders", order = "13", author = "shop-team")
    public static final class ArchiveOldOrders {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }

    @ChangeUnit(id = "enable-loyalty-points", order = "20", author = "shop-team")
    public static final class EnableLoyaltyPoints {
        @Execution
        public void apply(ChangeEffects effects, ChangeContext context) {
            effects.apply(context);
        }
    }
}
