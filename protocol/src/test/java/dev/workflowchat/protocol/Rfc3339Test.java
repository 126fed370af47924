package dev.workflowchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reading of times gives what the JDK's parser gives, for every text, valid or not. */
class Rfc3339Test {

    private static final long SEED = 3339;
    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final ObjectMapper JSR310_ONLY = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void theShapeEveryServiceWritesIsReadFastAndAsTheJdkReadsIt() {
        Random random = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    FIRST.getEpochSecond() + (long) (random.nextDouble() * (LAST.getEpochSecond() - FIRST.getEpochSecond())),
                    random.nextInt(1_000_000_000));
            for (ChronoUnit unit : List.of(ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS)) {
                String text = instant.truncatedTo(unit).toString();
                assertThat(Rfc3339.utc(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
            }
        }
        // every length of fraction, and the ends of the range
        for (String text : List.of("2026-12-05T05:18:40.1Z", "2026-12-05T05:18:40.12Z", "2026-12-05T05:18:40.1234Z",
                "2026-12-05T05:18:40.12345Z", "2026-12-05T05:18:40.1234567Z", "2026-12-05T05:18:40.12345678Z",
                "2026-12-05T05:18:40.000000000Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "2024-02-29T12:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z")) {
            assertThat(Rfc3339.utc(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void otherValidShapesAreLeftToTheJdk() {
        for (String text : List.of("2026-12-05T07:18:40+02:00", "2026-12-05T05:18Z", "2026-12-05T05:18:40.5-05:30",
                "2026-12-05T05:18:40+00:00", "+12026-12-05T05:18:40Z",
                "2026-12-05t05:18:40z", "2026-12-05T05:18:40.Z")) {
            assertThat(Rfc3339.utc(text)).as(text).isNull();
            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void whatTheJdkRefusesIsRefused() {
        for (String text : List.of("2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z", "2026-12-00T00:00:00Z", "2026-12-05T24:00:00Z", "2026-12-05T23:60:00Z",
                "2026-12-05T23:59:60Z", "2026-12-05T05:18:40.1234567890Z",
                "2026-12-05 05:18:40Z", "2026-12-05T05:18:4aZ", "2026-12-05T05:18:40",
                "２０２６-12-05T05:18:40Z", "-026-12-05T05:18:40Z", "2026-12-05T05:18:40.+1Z", "2026/12/05T05:18:40Z",
                "", "Z", "2026-12-05T05:18:40.12345678-Z")) {
            assertThat(Rfc3339.utc(text)).as(text).isNull();
            assertThatThrownBy(() -> OffsetDateTime.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> Rfc3339.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void theContractsMapperReadsTimesAsTheJsr310ModuleDoes() throws Exception {
        ObjectMapper mapper = ProtocolJson.mapper();
        for (String json : List.of("\"2026-12-05T05:18:40.123456Z\"", "\"2026-12-05T05:18:40Z\"", "\"2026-12-05T07:18:40+02:00\"",
                "1764911920.5", "1764911920", "\" 2026-12-05T05:18:40Z \"")) {
            assertThat(mapper.readValue(json, Instant.class)).as(json).isEqualTo(JSR310_ONLY.readValue(json, Instant.class));
        }
        assertThat(mapper.readValue("null", Instant.class)).isNull();
        record Stamped(Instant at) {
        }
        assertThat(mapper.readValue("{\"at\":\"2026-12-05T05:18:40.5Z\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2026-12-05T05:18:40.5Z"));
        assertThatThrownBy(() -> mapper.readValue("\"2026-02-30T00:00:00Z\"", Instant.class))
                .isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> mapper.readValue("\"soon\"", Instant.class)).isInstanceOf(InvalidFormatException.class);
    }
}
