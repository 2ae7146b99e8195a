package io.tidemark.core.internal.loading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The head of an index: read without the rest, checked by its own checksum and by the length it records
 * for the rest; the rest checked by the {@code end} line when the whole index is read. The index here is
 * written by hand in the format the processor writes (the processor's tests check both sides together).
 */
class ChangeIndexHeadTest {

    private static final String PACKAGE = "com.example.changes";

    private static String head() {
        return "tidemark-index\t1\n"
                + "package\t" + PACKAGE + "\n"
                + "state\tcomplete\n"
                + "digest\tabc123\n"
                + "summary\t2\t2\t-\t00000000000000ff\n"
                + "facts\t11\t3\tyes\tyes\n"
                + "annotations\tio.tidemark.api.ChangeUnit\n";
    }

    private static String rest(int units) {
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < units; i++) {
            rest.append("class\tChange")
                    .append(i)
                    .append("\t300\t0000abcd\t1700000000123\tio.tidemark.api.ChangeUnit\n");
            rest.append("unit\tChange")
                    .append(i)
                    .append("\tchange-")
                    .append(i)
                    .append('\t')
                    .append(i + 1);
            rest.append("\tFAIL\tbench\t\n");
        }
        return rest.toString();
    }

    /** A whole index: head, head line, rest, end line. */
    private static String index(String head, String rest) {
        String withHead = head + "head\t" + crc(head) + "\t" + (bytes(rest).length + 13) + "\n" + rest;
        return withHead + "end\t" + crc(withHead) + "\n";
    }

    @Test
    void readingTheHeadStopsAfterTheHeadLineWhateverTheChunksTheStreamGives() throws IOException {
        byte[] file = bytes(index(head(), rest(2_000)));
        OneByteAtATime in = new OneByteAtATime(file);

        byte[] read = ChangeIndex.readHead(in);

        String text = new String(read, StandardCharsets.UTF_8);
        assertThat(text).startsWith(head()).endsWith("\n").contains("\nhead\t");
        assertThat(text.substring(head().length())).startsWith("head\t").doesNotContain("class\t");
        assertThat(in.position).as("bytes taken from the stream").isEqualTo(read.length);
    }

    @Test
    void aStreamWithoutALineFeedIsReadOnlyUpToTheLimitAndRefused() throws IOException {
        Endless in = new Endless((byte) 'x');

        byte[] read = ChangeIndex.readHead(in);

        assertThat(in.given).as("bytes taken from the stream").isBetween(1L << 20, (1L << 20) + 8192);
        assertThat(read).hasSize((int) in.given);
        assertThat(reason(ChangeIndex.parseHead(PACKAGE, read, 3L << 20))).contains("not a Tidemark change-unit index");
    }

    @Test
    void aFileWhoseFirstLineIsNotAnIndexIsReadNoFurther() throws IOException {
        byte[] file = bytes("{\"some\": \"json\"}\n" + "x".repeat(100_000) + "\nhead\t00000000\t0\n");
        OneByteAtATime in = new OneByteAtATime(file);

        byte[] read = ChangeIndex.readHead(in);

        assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo("{\"some\": \"json\"}\n");
        assertThat(in.position).isEqualTo(read.length);
        assertThat(reason(ChangeIndex.parseHead(PACKAGE, read, file.length)))
                .contains("not a Tidemark change-unit index");
    }

    @Test
    void aHeadReadInLargeChunksIsTheSameAndIsUsable() throws IOException {
        String index = index(head(), rest(2_000));
        byte[] file = bytes(index);

        byte[] read = ChangeIndex.readHead(new ByteArrayInputStream(file));

        assertThat(read).isEqualTo(bytes(index.substring(0, index.indexOf("class\t"))));
        ChangeIndex.ParsedHead parsed = ChangeIndex.parseHead(PACKAGE, read, file.length);
        assertThat(parsed).isInstanceOf(ChangeIndex.ParsedHead.Usable.class);
        ChangeIndex.Head head = ((ChangeIndex.ParsedHead.Usable) parsed).head();
        assertThat(head.units()).isEqualTo(2);
        assertThat(head.digest()).isEqualTo("abc123");
        assertThat(head.byContent()).isEqualTo(0xff);
        assertThat(head.byTime()).isEmpty();
        assertThat(head.checksum()).isEqualTo(Long.parseLong(crc(head()), 16));
    }

    @Test
    void aFileCutShortIsRefusedFromItsHeadAndItsLength() throws IOException {
        byte[] file = bytes(index(head(), rest(10)));

        byte[] read = ChangeIndex.readHead(new ByteArrayInputStream(file));

        assertThat(reason(ChangeIndex.parseHead(PACKAGE, read, file.length - 20)))
                .contains("cut short or was extended", "where the processor wrote");
        assertThat(reason(ChangeIndex.parseHead(PACKAGE, read, file.length + 1)))
                .contains("cut short or was extended");
    }

    @Test
    void aHeadEditedAfterTheProcessorWroteItIsRefused() throws IOException {
        byte[] file = bytes(index(head(), rest(10)).replace("digest\tabc123", "digest\tabc124"));

        byte[] read = ChangeIndex.readHead(new ByteArrayInputStream(file));

        assertThat(reason(ChangeIndex.parseHead(PACKAGE, read, file.length)))
                .contains("changed after the processor wrote it", "head");
    }

    @Test
    void anIndexWithoutAHeadLineIsRefusedAsOneAnEarlierProcessorWrote() throws IOException {
        String withoutHeadLine = head() + rest(3);
        byte[] file = bytes(withoutHeadLine + "end\t" + crc(withoutHeadLine) + "\n");

        byte[] read = ChangeIndex.readHead(new ByteArrayInputStream(file));

        assertThat(read).as("the whole file, as no head line ends the head").hasSize(file.length);
        assertThat(reason(ChangeIndex.parseHead(PACKAGE, read, file.length)))
                .contains("no head line", "earlier tidemark-processor");
        assertThat(ChangeIndex.parse(PACKAGE, file)).isInstanceOf(ChangeIndex.Parsed.Unusable.class);
    }

    @Test
    void theRestIsCheckedWhenTheWholeIndexIsRead() {
        String index = index(head(), rest(10));
        byte[] edited = bytes(index.replace("change-7", "change-8"));

        assertThat(ChangeIndex.parseHead(PACKAGE, edited, edited.length))
                .as("the head alone still holds")
                .isInstanceOf(ChangeIndex.ParsedHead.Usable.class);
        assertThat(ChangeIndex.parse(PACKAGE, edited))
                .isInstanceOf(ChangeIndex.Parsed.Unusable.class)
                .extracting(parsed -> ((ChangeIndex.Parsed.Unusable) parsed).reason())
                .asString()
                .contains("changed after the processor wrote it");
        ChangeIndex.Parsed whole = ChangeIndex.parse(PACKAGE, bytes(index));
        assertThat(whole).isInstanceOf(ChangeIndex.Parsed.Usable.class);
        assertThat(((ChangeIndex.Parsed.Usable) whole).index().units()).hasSize(10);
    }

    @Test
    void anIndexOfAnotherPackageIsRefusedFromItsHead() throws IOException {
        byte[] file = bytes(index(head(), rest(1)));

        byte[] read = ChangeIndex.readHead(new ByteArrayInputStream(file));

        assertThat(reason(ChangeIndex.parseHead("com.example.other", read, file.length)))
                .contains("describes package " + PACKAGE + ", not com.example.other");
    }

    private static String reason(ChangeIndex.ParsedHead parsed) {
        assertThat(parsed).isInstanceOf(ChangeIndex.ParsedHead.Unusable.class);
        return ((ChangeIndex.ParsedHead.Unusable) parsed).reason();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(bytes(text));
        return String.format("%08x", crc.getValue());
    }

    /** A stream of one byte repeated without end, one byte per read, counting what it gave. */
    private static final class Endless extends InputStream {
        private final byte value;
        private long given;

        Endless(byte value) {
            this.value = value;
        }

        @Override
        public int read() {
            given++;
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            buffer[offset] = (byte) read();
            return 1;
        }
    }

    /** A stream that gives one byte per read, and counts what it gave. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int position;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int next = read();
            if (next < 0) {
                return -1;
            }
            buffer[offset] = (byte) next;
            return 1;
        }
    }
}
