package org.telecare.notify.sms;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * The gateway a configuration names: {@code {"gateway": "log"}} or
 * {@code {"gateway": "http", "url": "https://…", "token": "…", "timeoutMs": 5000}}.
 */
public final class SmsGateways {
    private static final Set<String> KEYS = Set.of("gateway", "url", "token", "timeoutMs");

    private SmsGateways() {
    }

    public static SmsGateway fromConfig(Vertx vertx, JsonObject config) {
        for (String k : config.fieldNames()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "' (known: " + new TreeSet<>(KEYS) + ")");
            }
        }
        String kind = config.getString("gateway", "");
        return switch (kind) {
            case "log" -> new LogSmsGateway();
            case "http" -> {
                String url = config.getString("url");
                if (url == null || url.isBlank()) {
                    throw new IllegalArgumentException("gateway http needs 'url'");
                }
                yield new HttpSmsGateway(vertx, URI.create(url), config.getString("token"),
                        Duration.ofMillis(config.getInteger("timeoutMs", 5000)));
            }
            default -> throw new IllegalArgumentException("'gateway' must be log or http, got '" + kind + "'");
        };
    }
}
