package dev.workflowchat.chat.security;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request really came from, for throttling: the peer of the connection, unless that
 * peer is a trusted proxy ({@code quarkus.http.proxy.trusted-proxies}); then the rightmost entry of
 * {@code X-Forwarded-For} that is not one of ours. Proxies append the address they saw, so only the
 * entries to the right of the last untrusted one were written by us; anything left of it, the
 * client may have typed. Without trusted proxies, {@code X-Forwarded-For} is not believed at all.
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<Range> trusted = new ArrayList<>();

    public ClientAddresses(@ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> proxies) {
        for (String proxy : proxies.orElse(List.of())) {
            Range.parse(proxy.strip()).ifPresentOrElse(trusted::add, () -> Log.warnf(
                    "trusted proxy '%s' is not an IP address or CIDR range; ignored for throttling", proxy));
        }
    }

    public String of(HttpServerRequest request) {
        SocketAddress peerAddress = request.connection() == null ? null : request.connection().remoteAddress();
        String peer = peerAddress == null || peerAddress.hostAddress() == null ? "unknown" : peerAddress.hostAddress();
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> chain = new ArrayList<>();
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) {
                    chain.add(entry.strip());
                }
            }
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (!isTrusted(chain.get(i))) {
                return chain.get(i);
            }
        }
        return chain.isEmpty() ? peer : chain.get(0);
    }

    private boolean isTrusted(String address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    /** An address or a CIDR range of addresses, IPv4 or IPv6. */
    private record Range(byte[] network, int prefixBits) {

        static Optional<Range> parse(String text) {
            int slash = text.indexOf('/');
            Optional<byte[]> address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address.isEmpty()) {
                return Optional.empty();
            }
            int bits = address.get().length * 8;
            try {
                int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
                return prefix < 0 || prefix > bits ? Optional.empty() : Optional.of(new Range(address.get(), prefix));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        boolean contains(String text) {
            return literal(text).filter(address -> address.length == network.length)
                    .map(address -> topBits(address).equals(topBits(network)))
                    .orElse(false);
        }

        private BigInteger topBits(byte[] address) {
            return new BigInteger(1, address).shiftRight(address.length * 8 - prefixBits);
        }

        /** The bytes of an IP literal; never a name lookup (a name is not an address here). */
        private static Optional<byte[]> literal(String text) {
            String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            if (bare.isEmpty() || !(bare.contains(":") || bare.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName(bare).getAddress());
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        }
    }
}
