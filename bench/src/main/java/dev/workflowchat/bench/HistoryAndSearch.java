package dev.workflowchat.bench;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 5: a channel of M messages (1,000,000 at full size), seeded straight into the
 * database; then pages of 50 at random points of the history, and searches of one or two words.
 */
final class HistoryAndSearch {

    private static final int PAGE = 50;
    private static final int WORDS_PER_MESSAGE = 12;
    private static final int VOCABULARY = 2_000;
    private static final int SEED_CHUNK = 50_000;
    private static final String[] SYLLABLES = {"ba", "da", "ka", "la", "ma", "na", "pa", "ra", "ta", "va",
        "bo", "do", "ko", "lo", "mo", "no", "po", "ro", "to", "vo", "bi", "di", "ki", "li", "mi", "ni"};

    private final Run run;
    private final Random random = new Random(42);

    HistoryAndSearch(Run run) {
        this.run = run;
    }

    Result run() throws Exception {
        int messages = run.options().number("history.messages");
        int requests = run.options().number("history.requests");
        String jdbcUrl = run.target().jdbcUrl();
        if (jdbcUrl == null) {
            throw new IllegalStateException("seeding the history needs the database: --jdbc-url");
        }
        String channel = run.channel("history");
        List<String> vocabulary = vocabulary();
        long seedStart = System.nanoTime();
        long[] seqs = seed(jdbcUrl, channel, messages, vocabulary);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        String token = run.tokens().get(0);

        Latencies history = new Latencies("history page of " + PAGE);
        Latencies search = new Latencies("search");
        long failures = 0;
        // a few untimed requests first, so the first timed ones do not pay for connection set-up
        for (int i = 0; i < 20; i++) {
            run.api().history(channel, seqs[1] + 1, PAGE, token).get(30, TimeUnit.SECONDS);
        }
        for (int i = 0; i < requests; i++) {
            long before = seqs[0] + PAGE + (long) (random.nextDouble() * (seqs[1] - seqs[0] - PAGE + 2));
            long start = System.nanoTime();
            HttpResponse<String> page = run.api().history(channel, before, PAGE, token).get(30, TimeUnit.SECONDS);
            history.since(start);
            failures += page.statusCode() == 200 ? 0 : 1;
            if (i % 100 == 99) {
                history.tick();
            }
        }
        for (int i = 0; i < requests; i++) {
            String query = random.nextBoolean() ? pick(vocabulary) : pick(vocabulary) + " " + pick(vocabulary);
            long start = System.nanoTime();
            HttpResponse<String> found = run.api().search(query, channel, token).get(30, TimeUnit.SECONDS);
            search.since(start);
            failures += found.statusCode() == 200 ? 0 : 1;
            if (i % 100 == 99) {
                search.tick();
            }
        }
        history.tick();
        search.tick();
        Latencies.Summary pages = history.summary();
        Latencies.Summary searches = search.summary();
        Result result = new Result("history", "History and search", String.format(
                "a channel of %,d messages (%d words each from %,d); %,d history pages of %d at random points, then "
                        + "%,d searches of one or two words, one request at a time over REST",
                messages, WORDS_PER_MESSAGE, VOCABULARY, requests, PAGE, requests));
        result.figure("seeding", String.format("%,d messages in %.0f s (straight into PostgreSQL)", messages, seedSeconds))
                .latency("history page of 50", pages)
                .latency("search", searches)
                .figure("failed requests", failures)
                .fact("failures", failures).fact("history_p99_ms", pages.p99()).fact("search_p99_ms", searches.p99())
                .plot(Plots.latencyOverTime(run.reportDir().resolve("history-latency.png"),
                        String.format("History and search over %,d messages (per 100 requests)", messages),
                        List.of(history, search)));
        boolean fullSize = messages >= 1_000_000;
        result.check("history page of 50: p99 ≤ 10 ms at 1,000,000 messages", fullSize && pages.p99() <= 10,
                String.format("%s: p99 %.1f ms", fullSize ? "at full size" : "smaller run", pages.p99()));
        result.check("search: p99 ≤ 100 ms at 1,000,000 messages", fullSize && searches.p99() <= 100,
                String.format("%s: p99 %.1f ms", fullSize ? "at full size" : "smaller run", searches.p99()));
        return result;
    }

    /** Inserts the messages in chunks, each message {@value #WORDS_PER_MESSAGE} random words; returns the seq range. */
    private long[] seed(String jdbcUrl, String channel, int messages, List<String> vocabulary) throws SQLException {
        String insert = """
                INSERT INTO messages (id, seq, channel, author_type, author_id, author_name, content, source)
                SELECT gen_random_uuid(), nextval('change_seq'), ?, 'agent', 'bench', 'bench',
                       array_to_string(ARRAY(SELECT words.w[1 + floor(random() * cardinality(words.w))::int]
                                             FROM generate_series(1, %d) WHERE g > 0), ' '),
                       'agent'
                FROM generate_series(1, ?) AS g, (SELECT ?::text[] AS w) AS words
                """.formatted(WORDS_PER_MESSAGE);
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            for (int done = 0; done < messages; done += SEED_CHUNK) {
                try (PreparedStatement statement = connection.prepareStatement(insert)) {
                    statement.setString(1, channel);
                    statement.setInt(2, Math.min(SEED_CHUNK, messages - done));
                    statement.setArray(3, connection.createArrayOf("text", vocabulary.toArray()));
                    statement.executeUpdate();
                }
                if (messages > SEED_CHUNK) {
                    System.out.printf("[bench] seeded %,d of %,d messages%n", Math.min(messages, done + SEED_CHUNK),
                            messages);
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE messages");
                try (ResultSet range = statement.executeQuery(
                        "SELECT min(seq), max(seq) FROM messages WHERE channel = '" + channel + "'")) {
                    range.next();
                    return new long[] {range.getLong(1), range.getLong(2)};
                }
            }
        }
    }

    private List<String> vocabulary() {
        Random words = new Random(7);
        java.util.Set<String> vocabulary = new java.util.LinkedHashSet<>();
        while (vocabulary.size() < VOCABULARY) {
            StringBuilder word = new StringBuilder();
            int syllables = 2 + words.nextInt(2);
            for (int i = 0; i < syllables; i++) {
                word.append(SYLLABLES[words.nextInt(SYLLABLES.length)]);
            }
            vocabulary.add(word.toString());
        }
        return new ArrayList<>(vocabulary);
    }

    private String pick(List<String> vocabulary) {
        return vocabulary.get(random.nextInt(vocabulary.size()));
    }
}
