package io.tidemark.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Prose for a terminal: whitespace (line breaks included) collapsed to single spaces, no space left
 * before a closing bracket or punctuation that stands alone, and lines broken between words so that
 * none is wider than asked. A word wider than a whole line is cut, so that no line ever exceeds the
 * width.
 */
final class TextWrap {

    private TextWrap() {}

    /** {@code text} broken into lines of at most {@code width} characters; one empty line for blank text. */
    static List<String> lines(String text, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive, was " + width);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : words(text)) {
            while (word.length() > width) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.isEmpty()) {
                line.append(word);
            } else if (line.length() + 1 + word.length() <= width) {
                line.append(' ').append(word);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** {@code text} on one line, whitespace collapsed, cut to {@code width} with "..." when longer. */
    static String oneLine(String text, int width) {
        String flat = String.join(" ", words(text));
        if (flat.length() <= width) {
            return flat;
        }
        return width <= 3
                ? flat.substring(0, width)
                : flat.substring(0, width - 3).stripTrailing() + "...";
    }

    /** The words of {@code text}; a word that is only closing punctuation is joined to the one before. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!words.isEmpty() && word.matches("[)\\]}.,;:!?]+")) {
                words.set(words.size() - 1, words.get(words.size() - 1) + word);
            } else {
                words.add(word);
            }
        }
        return words;
    }
}
