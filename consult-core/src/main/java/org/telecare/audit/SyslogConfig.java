package org.telecare.audit;

import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how {@link SyslogExporter} sends audit events.
 *
 * @param transport       {@code UDP} (RFC 5426, one message per datagram) or {@code TCP} (RFC 6587 octet counting)
 * @param host            the receiver
 * @param port            usually 514 (UDP) or 601 / 6514 (TCP)
 * @param facility        0..23; default 10 ({@code authpriv}: security/authorisation messages)
 * @param hostname        the HOSTNAME field; {@code null} for this machine's host name (looked up once, at creation)
 * @param appName         the APP-NAME field; default {@code telecare}
 * @param maxMessageBytes a longer message is truncated (MSG first, at a UTF-8 character boundary); UDP default 2048
 *                        (RFC 5426: receivers must take 480, should take 2048), TCP default 8192
 * @param queueCapacity   messages kept while the receiver is unreachable; beyond that the oldest are dropped (counted)
 * @param reconnectMin    first TCP reconnect delay; doubles (with jitter) up to {@code reconnectMax}
 * @param reconnectMax    longest TCP reconnect delay
 * @param tcpOptions      options of the TCP client, e.g. TLS for RFC 5425 receivers; {@code null} for plain TCP
 */
public record SyslogConfig(Transport transport, String host, int port, int facility, String hostname, String appName,
                           int maxMessageBytes, int queueCapacity, Duration reconnectMin, Duration reconnectMax,
                           NetClientOptions tcpOptions) {

    public enum Transport { UDP, TCP }

    public static final int FACILITY_AUTHPRIV = 10;
    /** What every IPv4 receiver must accept (RFC 5426 §3.2). */
    public static final int MIN_MESSAGE_BYTES = 480;
    /** The largest UDP payload over IPv4. */
    public static final int MAX_UDP_BYTES = 65_507;
    public static final int MAX_TCP_BYTES = 1 << 20;

    private static final Set<String> JSON_KEYS = Set.of("transport", "host", "port", "facility", "hostname", "appName",
            "maxMessageBytes", "queueCapacity", "reconnectMinMs", "reconnectMaxMs");

    public SyslogConfig {
        Objects.requireNonNull(transport, "transport");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("syslog host is required");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("syslog port must be 1..65535, got " + port);
        }
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("syslog facility must be 0..23, got " + facility);
        }
        if (appName == null || appName.isEmpty() || appName.length() > 48 || !SyslogFormat.printable(appName)) {
            throw new IllegalArgumentException("syslog appName must be 1..48 printable US-ASCII characters");
        }
        if (hostname != null && (hostname.isEmpty() || hostname.length() > 255 || !SyslogFormat.printable(hostname))) {
            throw new IllegalArgumentException("syslog hostname must be 1..255 printable US-ASCII characters");
        }
        int max = transport == Transport.UDP ? MAX_UDP_BYTES : MAX_TCP_BYTES;
        if (maxMessageBytes < MIN_MESSAGE_BYTES || maxMessageBytes > max) {
            throw new IllegalArgumentException("syslog maxMessageBytes must be " + MIN_MESSAGE_BYTES + ".." + max
                    + " for " + transport + ", got " + maxMessageBytes);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("syslog queueCapacity must be positive");
        }
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        if (reconnectMin.toMillis() < 1 || reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("syslog reconnect delays must satisfy 1 ms <= min <= max");
        }
    }

    public static SyslogConfig udp(String host, int port) {
        return new SyslogConfig(Transport.UDP, host, port, FACILITY_AUTHPRIV, null, "telecare", 2048, 10_000,
                Duration.ofMillis(200), Duration.ofSeconds(30), null);
    }

    public static SyslogConfig tcp(String host, int port) {
        return new SyslogConfig(Transport.TCP, host, port, FACILITY_AUTHPRIV, null, "telecare", 8192, 10_000,
                Duration.ofMillis(200), Duration.ofSeconds(30), null);
    }

    /**
     * Reads a configuration section strictly: {@code transport} (udp|tcp), {@code host}, {@code port},
     * and optionally {@code facility}, {@code hostname}, {@code appName}, {@code maxMessageBytes},
     * {@code queueCapacity}, {@code reconnectMinMs}, {@code reconnectMaxMs}. Unknown keys and wrong
     * values are {@link IllegalArgumentException}s naming the key.
     */
    public static SyslogConfig fromJson(JsonObject json) {
        for (String key : json.fieldNames()) {
            if (!JSON_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown syslog setting '" + key + "'; known: " + JSON_KEYS);
            }
        }
        try {
            String transport = Objects.requireNonNull(json.getString("transport"), "transport is required");
            String host = json.getString("host");
            Integer port = Objects.requireNonNull(json.getInteger("port"), "port is required");
            SyslogConfig c = switch (transport.toLowerCase(Locale.ROOT)) {
                case "udp" -> udp(host, port);
                case "tcp" -> tcp(host, port);
                default -> throw new IllegalArgumentException("syslog transport must be udp or tcp, got " + transport);
            };
            return new SyslogConfig(c.transport, c.host, c.port, json.getInteger("facility", c.facility),
                    json.getString("hostname", c.hostname), json.getString("appName", c.appName),
                    json.getInteger("maxMessageBytes", c.maxMessageBytes),
                    json.getInteger("queueCapacity", c.queueCapacity),
                    Duration.ofMillis(json.getLong("reconnectMinMs", c.reconnectMin.toMillis())),
                    Duration.ofMillis(json.getLong("reconnectMaxMs", c.reconnectMax.toMillis())), null);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("bad syslog setting: " + e.getMessage(), e);
        }
    }

    public SyslogConfig withFacility(int value) {
        return new SyslogConfig(transport, host, port, value, hostname, appName, maxMessageBytes, queueCapacity,
                reconnectMin, reconnectMax, tcpOptions);
    }

    public SyslogConfig withHostname(String value) {
        return new SyslogConfig(transport, host, port, facility, value, appName, maxMessageBytes, queueCapacity,
                reconnectMin, reconnectMax, tcpOptions);
    }

    public SyslogConfig withAppName(String value) {
        return new SyslogConfig(transport, host, port, facility, hostname, value, maxMessageBytes, queueCapacity,
                reconnectMin, reconnectMax, tcpOptions);
    }

    public SyslogConfig withMaxMessageBytes(int value) {
        return new SyslogConfig(transport, host, port, facility, hostname, appName, value, queueCapacity,
                reconnectMin, reconnectMax, tcpOptions);
    }

    public SyslogConfig withQueueCapacity(int value) {
        return new SyslogConfig(transport, host, port, facility, hostname, appName, maxMessageBytes, value,
                reconnectMin, reconnectMax, tcpOptions);
    }

    public SyslogConfig withReconnect(Duration min, Duration max) {
        return new SyslogConfig(transport, host, port, facility, hostname, appName, maxMessageBytes, queueCapacity,
                min, max, tcpOptions);
    }

    public SyslogConfig withTcpOptions(NetClientOptions value) {
        return new SyslogConfig(transport, host, port, facility, hostname, appName, maxMessageBytes, queueCapacity,
                reconnectMin, reconnectMax, value);
    }
}
