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

    private NumberedChanges() {
    }

    /** The ten change units, in order. */
    public static final List<Class<?>> ALL = List.of(Step01.class, Step02.class, Step03.class, Step04.class,
            Step05.class, Step06.class, Step07.class, Step08.class, Step09.class, Step10.class);

    /** The id of the change unit with order {@code order} (1 to 10). */
    public static String id(int order) {
        return String.format("step-%02d", order);
    }

    /** The ids of the change units with orders {@code from} to {@code to}, inclusive, in order. */
    public static List<String> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(NumberedChanges::id).toList();
    }

    @ChangeUnit(id = "step-01", order = "1", author = "adopter")
    public static final class Step01 {
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "step-02", order = "2", author = "adopter")
    public static final class Step02 {
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "step-03", order = "3", author = "adopter")
    public static final class Step03 {
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "step-04", order = "4", author = "adopter")
    public static final class Step04 {
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "step-05", order = "5", author = "adopter")
    public static final class Step05 {
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "step-06", order = "6", author = "adopter")
    public static final class Step06 {
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "step-07", order = "7", author = "adopter")
    public static final class Step07 {
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "step-08", order = "8", author = "adopter")
    public static final class Step08 {
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "step-09", order = "9", author = "adopter")
    public static final class Step09 {
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }

    @ChangeUnit(id = "step-10", order = "10", author = "adopter")
    public static final class Step10 {
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
        }
    }
}
