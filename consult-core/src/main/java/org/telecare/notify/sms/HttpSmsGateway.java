package org.telecare.notify.sms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.time.Duration;

/**
 * Posts each message as JSON ({@code {"to", "text", "purpose"}}) to the hospital's SMS platform,
 * with {@code Authorization: Bearer <token>}. Any 2xx is a hand-over; anything else, or no answer
 * within the timeout, fails the send. Hospitals' SMS platforms differ; those that want another
 * shape sit behind a small adapter that speaks this one.
 */
public final class HttpSmsGateway implements SmsGateway {
    private final HttpClient client;
    private final URI url;
    private final String token;
    private final Duration timeout;

    public HttpSmsGateway(Vertx vertx, URI url, String token, Duration timeout) {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("the SMS gateway url must be http or https: " + url);
        }
        this.url = url;
        this.token = token;
        this.timeout = timeout;
        this.client = vertx.createHttpClient(new HttpClientOptions().setSsl("https".equals(url.getScheme()))
                .setConnectTimeout((int) timeout.toMillis()));
    }

    @Override
    public Future<Void> send(SmsMessage message) {
        boolean https = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost()).setPort(port)
                .setURI(path).setSsl(https).setIdleTimeout(timeout.toMillis())
                .putHeader("content-type", "application/json");
        if (token != null && !token.isBlank()) {
            options.putHeader("authorization", "Bearer " + token);
        }
        Buffer body = new JsonObject().put("to", message.to()).put("text", message.text())
                .put("purpose", message.purpose()).toBuffer();
        return client.request(options).compose(req -> req.send(body)).compose(resp -> resp.body().compose(b -> {
            if (resp.statusCode() / 100 == 2) {
                return Future.<Void>succeededFuture();
            }
            return Future.failedFuture(new IllegalStateException("the SMS gateway answered " + resp.statusCode()));
        }));
    }

    @Override
    public String describe() {
        return "http → " + url.getHost();
    }
}
