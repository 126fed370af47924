package dev.workflowchat.bridge.discord;

import java.io.IOException;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jboss.logging.Logger;

/**
 * What the HTTP client under JDA does on the wire, for the two things the bridge must know of: Discord's 429s
 * (counted), and each attempt that failed once its request may have reached Discord. The client sends such a
 * request again by itself (OkHttp after a broken connection, JDA after a timeout), and a post Discord had taken
 * is then made twice; each attempt's failure is said (INFO), so a copy seen twice can be traced to it.
 */
final class DiscordWire implements Interceptor {

    private static final Logger LOG = Logger.getLogger(DiscordWire.class);
    /** A webhook's or an interaction's token in a path: never logged. Snowflakes are at most 20 digits. */
    private static final Pattern TOKEN = Pattern.compile("/[A-Za-z0-9_.-]{30,}");

    private final Runnable onRateLimited;

    DiscordWire(Runnable onRateLimited) {
        this.onRateLimited = onRateLimited;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException failed) {
            LOG.infof("Discord %s %s failed on the wire (%s: %s); the HTTP client may send it again", request.method(),
                    pathOf(request), failed.getClass().getSimpleName(), failed.getMessage());
            throw failed;
        }
        if (response.code() == 429) {
            onRateLimited.run();
        }
        return response;
    }

    /** The request's path with any token in it left out. */
    static String pathOf(Request request) {
        return TOKEN.matcher(request.url().encodedPath()).replaceAll("/…");
    }
}
