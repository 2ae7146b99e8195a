package io.tidemark.tck.changes;

import io.tidemark.api.ChangeContext;
import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;

/**
 * Change units whose text is not well-formed Unicode: an emoji cut in half by {@code substring},
 * which leaves an unpaired UTF-16 surrogate. Backends store such text differently (one replaces it,
 * another refuses it), so the engine must make it well-formed before hashing and storing it.
 */
public final class TextChanges {

    /** "rocket " and the high half of U+1F680 (ROCKET): what {@code "rocket 🚀".substring(0, 8)} gives. */
    public static final String CUT_EMOJI = "rocket 🚀".substring(0, 8);
    /** {@link #CUT_EMOJI} as every record must hold it: the unpaired half replaced by U+FFFD. */
    public static final String CUT_EMOJI_REPAIRED = "rocket \uFFFD";

    private TextChanges() {}

    /** Attaches a metadata value holding {@link #CUT_EMOJI}; fails when told to, through its target's hooks. */
    @ChangeUnit(id = "label-products", order = "40", author = "tck")
    public static final class LabelProducts {
        /**
         * Attaches {@link #CUT_EMOJI} as metadata, then runs the change through its target.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            context.putMetadata("label", CUT_EMOJI);
            target.execute(context);
        }
    }

    /** Attaches metadata under a key holding an unpaired surrogate: refused. */
    @ChangeUnit(id = "bad-metadata-key", order = "41", author = "tck")
    public static final class BadMetadataKey {
        /**
         * Runs the change through its target, then attaches metadata under {@link #CUT_EMOJI}.
         *
         * @param target  the change target, a registered dependency
         * @param context the change's context
         */
        @Execution
        public void apply(ChangeTarget target, ChangeContext context) {
            target.execute(context);
            context.putMetadata(CUT_EMOJI, "value");
        }
    }
}
