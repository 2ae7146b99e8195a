package io.tidemark.core.internal.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tidemark.api.ChangeUnit;
import io.tidemark.api.Execution;
import io.tidemark.core.error.ConfigurationException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Change ids and authors must be well-formed Unicode and of bounded length; the build says which is not. */
class ChangeIdTextTest {

    @ChangeUnit(id = "rocket-\uD83D", order = "1")
    static class CutEmojiId {
        @Execution
        void apply() {}
    }

    @ChangeUnit(id = "ok", order = "2", author = "ana \uDE80")
    static class CutEmojiAuthor {
        @Execution
        void apply() {}
    }

    @ChangeUnit(
            id =
                    "a-very-long-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            order = "3")
    static class LongId {
        @Execution
        void apply() {}
    }

    @Test
    void malformedOrOverlongIdsAndAuthorsAreListedByTheBuild() {
        ConfigurationException error = catchThrowableOfType(
                ConfigurationException.class,
                () -> new ChangeSetLoader(
                                new Dependencies(),
                                Optional.empty(),
                                "test store",
                                getClass().getClassLoader())
                        .load(List.of(CutEmojiId.class, CutEmojiAuthor.class, LongId.class), List.of()));

        assertThat(error).isNotNull();
        assertThat(error.problems()).hasSize(3);
        assertThat(error.problems().get(0))
                .contains(CutEmojiId.class.getName(), "@ChangeUnit id", "unpaired surrogate at index 7");
        assertThat(error.problems().get(1))
                .contains(CutEmojiAuthor.class.getName(), "@ChangeUnit author", "unpaired surrogate at index 4");
        assertThat(error.problems().get(2)).contains(LongId.class.getName(), "characters long; at most 200");
    }
}
