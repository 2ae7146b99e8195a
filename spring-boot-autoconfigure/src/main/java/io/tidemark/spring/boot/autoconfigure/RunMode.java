package io.tidemark.spring.boot.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** When the auto-configured {@link io.tidemark.core.Tidemark} runs the change units ({@code tidemark.run-mode}). */
public enum RunMode {

    /**
     * The default: once the application context is refreshed, as the first
     * {@link org.springframework.boot.ApplicationRunner}, before the application reports that it is
     * ready ({@code ApplicationReadyEvent}, readiness state {@code ACCEPTING_TRAFFIC}). Every bean exists
     * by then; a failure stops the application.
     */
    APPLICATION_RUNNER("application-runner"),

    /**
     * While the {@code Tidemark} bean is created: beans that take the {@code Tidemark} bean, or declare
     * {@code @DependsOn("tidemark")}, are created only after the changes ran. For beans that read what
     * the changes create (a cache warmed from a collection a change fills, say).
     */
    INITIALIZING_BEAN("initializing-bean"),

    /** Nothing runs by itself: the application calls {@code run()} on the {@code Tidemark} bean when it chooses. */
    DEFERRED("deferred");

    private final String value;

    RunMode(String value) {
        this.value = value;
    }

    /**
     * {@return the value of {@code tidemark.run-mode} that selects this mode}
     */
    public String value() {
        return value;
    }

    /**
     * The mode a value of {@code tidemark.run-mode} names, in any case, with {@code _} for {@code -}
     * accepted as Spring's relaxed binding accepts it for enum values.
     *
     * @param text the configured value
     * @return the mode
     * @throws IllegalArgumentException naming the allowed values when {@code text} names none
     */
    public static RunMode of(String text) {
        String normalised = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values())
                .filter(mode -> mode.value.equals(normalised))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected one of "
                        + Arrays.stream(values()).map(RunMode::value).collect(Collectors.joining(", "))));
    }
}
