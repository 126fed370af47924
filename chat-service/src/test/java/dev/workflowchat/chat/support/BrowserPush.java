package dev.workflowchat.chat.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser's side of Web Push in a headless Chromium, which has no push service of its own (its
 * PushManager talks to Google's, out of reach here). {@link #fakePushManager} stands in for that
 * service: subscribing answers with the test's {@link PushService} endpoint and a device's keys, so
 * what the server then sends can be checked and decrypted there. {@link #deliver} hands a push to
 * the page's registered service worker through the DevTools protocol, as the push service would.
 */
public final class BrowserPush {

    /**
     * Replaces PushManager's subscribe/getSubscription with the given subscription (its JSON as the
     * browser gives it); the options subscribe was called with are kept in {@code __pushSubscribed}.
     * Like the browser's, it refuses when notifications are denied (userVisibleOnly needs them).
     */
    private static final String FAKE_PUSH_MANAGER = """
            ((subscription) => {
              const KEPT = 'wfchat-test-push-subscription';
              window.__pushSubscribed = [];
              const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
                  .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
              const made = (json) => ({
                endpoint: json.endpoint, expirationTime: null, options: { userVisibleOnly: true },
                toJSON: () => json,
                unsubscribe: async () => { localStorage.removeItem(KEPT); return true; },
              });
              PushManager.prototype.subscribe = async function (options) {
                if (Notification.permission === 'denied') {
                  throw new DOMException('Registration failed - permission denied', 'NotAllowedError');
                }
                const key = options.applicationServerKey;
                window.__pushSubscribed.push({ userVisibleOnly: options.userVisibleOnly === true,
                    key: typeof key === 'string' ? key : base64url(key.buffer ?? key) });
                localStorage.setItem(KEPT, JSON.stringify(subscription));
                return made(subscription);
              };
              PushManager.prototype.getSubscription = async function () {
                const kept = localStorage.getItem(KEPT);
                return kept ? made(JSON.parse(kept)) : null;
              };
            })""";

    private static final String NOTIFICATIONS = """
            async () => (await navigator.serviceWorker.ready).getNotifications()
                .then((shown) => JSON.stringify(shown.map((n) => ({ title: n.title, body: n.body, tag: n.tag,
                    data: n.data }))))""";

    private final Page page;
    private final CDPSession devtools;
    private final String origin;
    private final Map<String, JsonObject> registrations = new ConcurrentHashMap<>();

    private BrowserPush(Page page, URI base) {
        this.page = page;
        this.devtools = page.context().newCDPSession(page);
        this.origin = base.getScheme() + "://" + base.getAuthority();
        devtools.on("ServiceWorker.workerRegistrationUpdated", event -> event.getAsJsonArray("registrations")
                .forEach(each -> registrations.put(each.getAsJsonObject().get("registrationId").getAsString(),
                        each.getAsJsonObject())));
        devtools.send("ServiceWorker.enable");
    }

    /** The browser of this context subscribes to {@code device} at its endpoint on {@code service}. */
    public static void fakePushManager(BrowserContext context, PushService service, String device) {
        String subscription = service.device(device).subscriptionJson(service.endpoint(device));
        context.addInitScript(FAKE_PUSH_MANAGER + "(" + subscription + ");");
    }

    /** The DevTools side of the page once its service worker controls it. */
    public static BrowserPush on(Page page, URI base) {
        page.waitForFunction("() => navigator.serviceWorker.controller !== null");
        return new BrowserPush(page, base);
    }

    /** Delivers {@code data} as a push message to the app's service worker (scope {@code /}). */
    public void deliver(String data) {
        // Playwright hands CDP events over only while the test calls into it: a call each round
        await().atMost(Duration.ofSeconds(20)).until(() -> page.evaluate("() => true") != null && registrationId() != null);
        JsonObject params = new JsonObject();
        params.addProperty("origin", origin);
        params.addProperty("registrationId", registrationId());
        params.addProperty("data", data);
        devtools.send("ServiceWorker.deliverPushMessage", params);
    }

    private String registrationId() {
        return registrations.values().stream()
                .filter(r -> !r.get("isDeleted").getAsBoolean() && r.get("scopeURL").getAsString().equals(origin + "/"))
                .map(r -> r.get("registrationId").getAsString()).findFirst().orElse(null);
    }

    /**
     * The app's window loses the focus: another tab comes to the front, and the focus Playwright
     * pretends every page has is turned off (else the worker, rightly, leaves telling of a push to
     * the focused app and shows nothing).
     */
    public void unfocus() {
        page.context().newPage().bringToFront();
        JsonObject off = new JsonObject();
        off.addProperty("enabled", false);
        devtools.send("Emulation.setFocusEmulationEnabled", off);
    }

    /**
     * Dispatches a {@code notificationclick} for the shown notification tagged {@code tag}, in the
     * service worker itself (reached through the browser's DevTools target). DevTools has no way to
     * click a notification, so the event is the page's own making: untrusted, hence its
     * {@code waitUntil} throws and the browser refuses it {@code focus()} and {@code openWindow()}.
     */
    public void clickNotification(Browser browser, String tag) {
        CDPSession root = browser.devtools();
        try {
            String target = null;
            for (var each : root.send("Target.getTargets").getAsJsonArray("targetInfos")) {
                JsonObject info = each.getAsJsonObject();
                if ("service_worker".equals(info.get("type").getAsString())
                        && info.get("url").getAsString().equals(origin + "/sw.js")) {
                    target = info.get("targetId").getAsString();
                }
            }
            JsonObject attach = new JsonObject();
            attach.addProperty("targetId", target);
            attach.addProperty("flatten", false);
            String session = root.send("Target.attachToTarget", attach).get("sessionId").getAsString();
            List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
            root.on("Target.receivedMessageFromTarget", event -> answers.add(event.get("message").getAsString()));
            JsonObject evaluate = new JsonObject();
            evaluate.addProperty("expression", "(async () => { const [shown] = await self.registration.getNotifications("
                    + "{ tag: " + new com.google.gson.JsonPrimitive(tag) + " });"
                    + " self.dispatchEvent(new NotificationEvent('notificationclick', { notification: shown }));"
                    + " return 'clicked'; })()");
            evaluate.addProperty("awaitPromise", true);
            evaluate.addProperty("returnByValue", true);
            JsonObject message = new JsonObject();
            message.addProperty("id", 1);
            message.addProperty("method", "Runtime.evaluate");
            message.add("params", evaluate);
            JsonObject send = new JsonObject();
            send.addProperty("sessionId", session);
            send.addProperty("message", message.toString());
            root.send("Target.sendMessageToTarget", send);
            await().atMost(Duration.ofSeconds(20)).until(() -> page.evaluate("() => true") != null
                    && answers.stream().anyMatch(answer -> answer.contains("\"id\":1")));
            String answer = answers.stream().filter(a -> a.contains("\"id\":1")).findFirst().orElseThrow();
            if (!answer.contains("clicked")) {
                throw new IllegalStateException("the worker did not take the click: " + answer);
            }
        } finally {
            root.detach();
        }
    }

    /** The notifications the service worker shows now: title, body, tag and data. */
    public static List<JsonNode> notifications(Page page) {
        JsonNode shown = Approvals.json((String) page.evaluate(NOTIFICATIONS));
        return java.util.stream.StreamSupport.stream(shown.spliterator(), false).toList();
    }

    /** The base64url application server key the page subscribed with, and whether userVisibleOnly. */
    public static JsonNode subscribed(Page page) {
        return Approvals.json((String) page.evaluate("() => JSON.stringify(window.__pushSubscribed)"));
    }

    public void detach() {
        devtools.detach();
    }
}
