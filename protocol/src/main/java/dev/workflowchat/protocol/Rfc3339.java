package dev.workflowchat.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Reads the contract's times (RFC 3339, e.g. {@code 2026-12-05T05:18:40.123456Z}) the way
 * {@link OffsetDateTime#parse} does, at a fraction of its cost for the one shape every service
 * writes ({@link Instant#toString()}: UTC, {@code T}, {@code Z}, up to nine fraction digits).
 * Anything else (an offset, no seconds, a leap second) goes to the JDK's parser, which decides.
 * Every envelope and message carries such a time, read on each replica for every message; the
 * JDK's general parser was about a twentieth of the ingest's event-loop time
 * (docs/performance.md, "the ingest's times and JSON").
 */
public final class Rfc3339 {

    private static final int SHORTEST = "2026-01-01T00:00:00Z".length();
    private static final int LONGEST = "2026-01-01T00:00:00.123456789Z".length();
    private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private Rfc3339() {
    }

    /** The instant the text names; throws {@link java.time.format.DateTimeParseException} as the JDK does. */
    public static Instant parse(String text) {
        Instant fast = utc(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** The instant of a text of the common shape; null for any other text, valid or not. */
    static Instant utc(String text) {
        int length = text.length();
        if (length < SHORTEST || length > LONGEST || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > SHORTEST) {
            int fraction = length - SHORTEST - 1;
            if (text.charAt(19) != '.' || fraction < 1) {
                return null;
            }
            int value = digits(text, 20, 20 + fraction);
            nanos = value < 0 ? -1 : value * SCALE[fraction];
        }
        if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // e.g. 30 February: the JDK's parser gives its error
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal value of {@code text[from, to)}; -1 when a character is no ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * Jackson's reading of an {@link Instant} with the fast path first: a text of the common shape
     * is read here; everything else (other texts, numbers) as the JSR-310 module reads it.
     */
    static final class InstantReader extends StdScalarDeserializer<Instant> {

        InstantReader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant fast = utc(parser.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
