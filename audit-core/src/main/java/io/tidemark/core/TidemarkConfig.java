package io.tidemark.core;

import io.tidemark.core.error.ConfigurationException;
import io.tidemark.core.internal.config.Durations;
import io.tidemark.spi.support.Secrets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration values looked up by key in an ordered list of sources; the first source that has a
 * key wins. {@link #load()} gives the standard order: system properties, then environment
 * variables, then a {@code tidemark.properties} class path resource.
 *
 * <p>Errors name the key, the source it came from and what is expected; a missing key is
 * explained with the places the program can set it ({@link #whereToSet(String)}): the library's
 * three for {@link #load()}, the sources given for {@link #of}, or what a program that reads
 * other places says with {@link #withWhereToSet}. {@link #toString()} masks secrets (see
 * {@link Secrets}).
 */
public final class TidemarkConfig {

    /** Name of the class path resource {@link #load()} reads last. */
    public static final String RESOURCE = "tidemark.properties";

    /** The longest wait for a held lock ({@code tidemark.lock.timeout}, {@code lockTimeout(...)}): a day. */
    public static final Duration MAX_LOCK_TIMEOUT = Duration.ofHours(24);
    /** The shortest lease ({@code tidemark.lock.lease-duration}, {@code leaseDuration(...)}). */
    public static final Duration MIN_LEASE_DURATION = Duration.ofMillis(1);
    /**
     * The longest lease: an hour. A lease is extended while its holder runs, so a long lease buys
     * nothing but a long wait after a holder dies.
     */
    public static final Duration MAX_LEASE_DURATION = Duration.ofHours(1);

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final String DURATION_EXPECTED = "a duration such as 500ms, 30s, 3m or PT3M";

    private final List<ConfigSource> sources;
    private final Function<String, String> places;
    private final Set<String> queried = new TreeSet<>();

    private TidemarkConfig(List<ConfigSource> sources, Function<String, String> places) {
        this.sources = List.copyOf(sources);
        this.places = places;
    }

    /**
     * System properties, then environment variables, then {@code tidemark.properties} on the class path.
     *
     * @return the configuration from the standard sources
     */
    public static TidemarkConfig load() {
        return load(
                Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader()
                        : TidemarkConfig.class.getClassLoader());
    }

    /**
     * As {@link #load()}, reading the resource through {@code loader}.
     *
     * @param loader the class loader that finds {@code tidemark.properties}
     * @return the configuration from the standard sources
     */
    public static TidemarkConfig load(ClassLoader loader) {
        List<ConfigSource> sources = new ArrayList<>();
        sources.add(ConfigSource.systemProperties());
        sources.add(ConfigSource.environment());
        ConfigSource.classpathResource(loader, RESOURCE).ifPresent(sources::add);
        return new TidemarkConfig(sources, TidemarkConfig::libraryPlaces);
    }

    /**
     * Exactly these sources, first one wins. Messages say a key can be set in any of them; with no
     * source at all, they name the library's places, as for {@link #load()}.
     *
     * @param sources the sources, in the order they are consulted
     * @return a configuration over exactly {@code sources}
     */
    public static TidemarkConfig of(ConfigSource... sources) {
        return new TidemarkConfig(List.of(sources), null);
    }

    /**
     * This configuration with {@code source} consulted before every other source. Messages name the
     * same places as this configuration's.
     *
     * @param source the source that wins over every other
     * @return a new configuration; this one is unchanged
     */
    public TidemarkConfig overriddenBy(ConfigSource source) {
        List<ConfigSource> list = new ArrayList<>();
        list.add(source);
        list.addAll(sources);
        return new TidemarkConfig(list, places);
    }

    /**
     * This configuration, with messages saying that a key can be set where {@code whereToSet} says,
     * for a program that reads places of its own: the command line names its {@code --config} file
     * and leaves out what it does not read.
     *
     * @param whereToSet from a key, the places it can be set, as a phrase such as
     *     {@code "system property -Dtidemark.chain=..., or environment variable TIDEMARK_CHAIN"}
     * @return a configuration with the same sources
     */
    public TidemarkConfig withWhereToSet(Function<String, String> whereToSet) {
        return new TidemarkConfig(sources, Objects.requireNonNull(whereToSet, "whereToSet"));
    }

    /** {@return the sources, in the order they are consulted} */
    public List<ConfigSource> sources() {
        return sources;
    }

    /**
     * The value of {@code key} from the first source that has it.
     *
     * @param key the key, such as {@code tidemark.chain}
     * @return the value, or empty when no source has the key
     */
    public Optional<String> get(String key) {
        synchronized (queried) {
            queried.add(key);
        }
        for (ConfigSource source : sources) {
            Optional<String> value = source.get(key);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /**
     * The value of {@code key}, or a {@link ConfigurationException} that says how to set it.
     *
     * @param key     the key
     * @param purpose what the value is for, e.g. "the MongoDB connection string"
     * @return the value
     * @throws ConfigurationException when no source has the key
     */
    public String require(String key, String purpose) {
        return get(key).orElseThrow(() -> new ConfigurationException(
                "Missing configuration " + key + " (" + purpose + "): set " + whereToSet(key) + "."));
    }

    /**
     * A boolean: {@code true} or {@code false}, in any case. Nothing else is accepted ({@code yes},
     * {@code on}, {@code 1} are errors, not guesses), so that a value reads the same in every source
     * and a typo is reported rather than taken for {@code false}.
     *
     * @param key the key
     * @return the value, or empty when no source has the key
     * @throws ConfigurationException when the value is neither {@code true} nor {@code false}
     */
    public Optional<Boolean> getBoolean(String key) {
        return get(key).map(value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw invalid(key, value, "true or false");
        });
    }

    /**
     * A whole number.
     *
     * @param key the key
     * @return the value, or empty when no source has the key
     * @throws ConfigurationException when the value is not a whole number
     */
    public Optional<Long> getLong(String key) {
        return get(key).map(value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw invalid(key, value, "a whole number");
            }
        });
    }

    /**
     * A duration: {@code 500ms}, {@code 30s}, {@code 3m}, {@code 1h}, or ISO-8601 such as {@code PT3M}.
     * A value too large for {@link Duration} is an invalid value like any other.
     *
     * @param key the key
     * @return the value, or empty when no source has the key
     * @throws ConfigurationException when the value is not a duration
     */
    public Optional<Duration> getDuration(String key) {
        return get(key).map(value -> parseDuration(key, value, null));
    }

    /**
     * A duration as {@link #getDuration(String)} reads it, between {@code min} and {@code max}
     * inclusive; a value outside (or too large to represent) is a {@link ConfigurationException}
     * naming the key, the value and the range.
     *
     * @param key the key
     * @param min the shortest duration allowed
     * @param max the longest duration allowed
     * @return the value, or empty when no source has the key
     */
    public Optional<Duration> getDuration(String key, Duration min, Duration max) {
        String range = "from " + Durations.format(min) + " to " + Durations.format(max);
        return get(key).map(value -> {
            Duration duration = parseDuration(key, value, range);
            if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
                throw invalid(key, value, "a duration " + range);
            }
            return duration;
        });
    }

    /** Parses a duration; {@code range} ("from 0s to 24h") is named in errors when there is one. */
    private Duration parseDuration(String key, String value, String range) {
        Matcher simple = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        try {
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                return switch (simple.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            return Duration.parse(value);
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            boolean tooLarge = simple.matches() || e.getCause() instanceof ArithmeticException;
            if (tooLarge) {
                throw invalid(
                        key,
                        value,
                        range != null
                                ? "a duration " + range
                                : "a duration small enough to represent (this one overflows)");
            }
            throw invalid(key, value, DURATION_EXPECTED + (range != null ? ", " + range : ""));
        }
    }

    /**
     * One of {@code allowed} (compared ignoring case), returned in the spelling of {@code allowed}.
     *
     * @param key     the key
     * @param allowed the values allowed
     * @return the value as spelled in {@code allowed}, or empty when no source has the key
     * @throws ConfigurationException when the value is none of {@code allowed}
     */
    public Optional<String> getChoice(String key, List<String> allowed) {
        return get(key).map(value -> allowed.stream()
                .filter(a -> a.equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> invalid(key, value, "one of " + allowed)));
    }

    /**
     * Where {@code key} can be set, for messages. For {@link #load()}: "system property
     * -Dkey=..., environment variable KEY, or key=... in tidemark.properties on the class path"; for
     * {@link #of}: each source with the key in its spelling; otherwise what
     * {@link #withWhereToSet} was given.
     *
     * @param key the key
     * @return every place the key can be set, in the order they are consulted
     */
    public String whereToSet(String key) {
        if (places != null) {
            return places.apply(key);
        }
        if (sources.isEmpty()) {
            return libraryPlaces(key);
        }
        List<String> spelled = new ArrayList<>();
        for (ConfigSource source : sources) {
            spelled.add(source.spell(key));
        }
        return String.join(", ", spelled);
    }

    /** The places {@link #load()} reads, as a phrase. */
    private static String libraryPlaces(String key) {
        return "system property -D" + key + "=..., environment variable " + ConfigSource.environmentName(key) + ", or "
                + key + "=... in " + RESOURCE + " on the class path";
    }

    private ConfigurationException invalid(String key, String value, String expected) {
        String source = sources.stream()
                .filter(s -> s.get(key).isPresent())
                .findFirst()
                .map(s -> s.spell(key))
                .orElse(key);
        return new ConfigurationException("Invalid configuration " + key + " = '" + Secrets.display(key, value)
                + "' (from " + source + "): expected " + expected);
    }

    /** The keys read so far and their values, secrets masked. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TidemarkConfig{");
        Set<String> keys;
        synchronized (queried) {
            keys = new TreeSet<>(queried);
        }
        String separator = "";
        for (String key : keys) {
            Optional<String> value = get(key);
            if (value.isPresent()) {
                text.append(separator).append(key).append('=').append(Secrets.display(key, value.get()));
                separator = ", ";
            }
        }
        return text.append('}').toString();
    }
}
