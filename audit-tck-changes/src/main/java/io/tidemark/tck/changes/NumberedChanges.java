package io.tidemark.tck.changes;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Ten plain change units, orders 1 to 10 and ids {@code step-01} to {@code step-10}: a system adopting
 * Tidemark, for the baseline suite. Each records its effect in the {@link ChangeTarget}.
 */
public final class NumberedChanges {

    private NumberedChanges() {}

    /** The ten change units, in order. */
    public static final List<Class<?>> ALL = List.of(
            Step01.class,
            Step02.class,
            Step03.class,
            Step04.class,
            Step05.class,
            Step06.class,
            Step07.class,
            Step08.class,
            Step09.class,
            Step10.class);

    /**
     * Returns the id of one of the ten change units.
     *
     * @param order the change unit's order, 1 to 10
     * @return its id, {@code step-} followed by the order in two digits, e.g. {@code step-03}
     */
    public static String id(int order) {
        return String.format("step-%02d", order);
    }

    /**
     * Returns the ids of a run of consecutive change units.
     *
     * @param from the first order, 1 to 10
     * @param to   the last order, inclusive, from {@code from} to 10
     * @return the ids of the change units with orders {@code from} to {@code to}, in order; empty if
     *         {@code to} is below {@code from}
     */
    public static List<String> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(NumberedChanges::id).toList();
    }

    /** Change unit {@code step-01}, order 1, one of the adopting system's ten plain changes. */
    @ChangeUnit(id = "step-01", order = "1", author = "adopter")
    public static final class Step01 {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** Change unit {@code step-02}, order 2, one of the adopting system's ten plain changes. */
    @ChangeUnit(id = "step-02", order = "2", author = "adopter")
    public static final class Step02 {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** Change unit {@code step-03}, order 3, one of the adopting system's ten plain changes. */
    @ChangeUnit(id = "step-03", order = "3", author = "adopter")
    public static final class Step03 {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** Change unit {@code step-04}, order 4, one of the adopting system's ten plain changes. */
    @ChangeUnit(id = "step-04", order = "4", author = "adopter")
    public static final class Step04 {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** Change unit {@code step-05}, order 5, one of the adopting system's ten plain changes. */
    @ChangeUnit(id = "step-05", order = "5", author = "adopter")
    public static final class Step05 {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** Change unit {@code step-06}, order 6, one of the adopting system's ten plain changes. */
    @ChangeUnit(id = "step-06", order = "6", author = "adopter")
    public static final class Step06 {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** Change unit {@code step-07}, order 7, one of the adopting system's ten plain changes. */
    @ChangeUnit(id = "step-07", order = "7", author = "adopter")
    public static final class Step07 {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** Change unit {@code step-08}, order 8, one of the adopting system's ten plain changes. */
    @ChangeUnit(id = "step-08", order = "8", author = "adopter")
    public static final class Step08 {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** Change unit {@code step-09}, order 9, one of the adopting system's ten plain changes. */
    @ChangeUnit(id = "step-09", order = "9", author = "adopter")
    public static final class Step09 {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    /** Change unit {@code step-10}, order 10, one of the adopting system's ten plain changes. */
    @ChangeUnit(id = "step-10", order = "10", author = "adopter")
    public static final class Step10 {
        /**
         * Runs the change through its target, which counts it or fails it as told.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }
}
