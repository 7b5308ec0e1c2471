package org.telecare.accounts;

import io.vertx.core.json.JsonObject;
import org.telecare.accounts.ApiTestServer.Reply;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One browser: its own cookie jar and the CSRF token it was given at sign-in. */
final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String csrf;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port + "/api/v1";
    }

    Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path, JsonObject body) throws Exception {
        return send(json(path, body).POST(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    Reply put(String path, JsonObject body) throws Exception {
        return send(json(path, body).PUT(HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    Reply patch(String path, JsonObject body) throws Exception {
        return send(json(path, body).method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode())));
    }

    Reply delete(String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).DELETE();
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b);
    }

    Reply raw(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return send(b);
    }

    /** Signs in as a person would: answering the captcha when one is asked for. */
    Reply login(String user, String password) throws Exception {
        Reply r = loginOnce(user, password, null);
        if (r.status() == 401 && r.errorCode() == org.telecare.accounts.AccountErrors.CAPTCHA_REQUIRED) {
            r = loginOnce(user, password, KnownCaptchaRandom.ANSWER);
        }
        return r;
    }

    /** One sign-in attempt; with {@code captchaAnswer} it fetches a challenge and answers it. */
    Reply loginOnce(String user, String password, String captchaAnswer) throws Exception {
        return loginOnce(user, password, captchaAnswer, null);
    }

    /** Signs in with a two-factor code, answering a captcha when one is asked for. */
    Reply loginWithCode(String user, String password, String totp) throws Exception {
        Reply r = loginOnce(user, password, null, totp);
        if (r.status() == 401 && r.errorCode() == org.telecare.accounts.AccountErrors.CAPTCHA_REQUIRED) {
            r = loginOnce(user, password, KnownCaptchaRandom.ANSWER, totp);
        }
        return r;
    }

    Reply loginOnce(String user, String password, String captchaAnswer, String totp) throws Exception {
        JsonObject body = new JsonObject().put("username", user).put("password", password);
        if (totp != null) {
            body.put("totp", totp);
        }
        if (captchaAnswer != null) {
            String id = get("/auth/captcha").json().getString("id");
            body.put("captcha", new JsonObject().put("id", id).put("answer", captchaAnswer));
        }
        Reply r = post("/auth/login", body);
        if (r.status() == 200) {
            csrf = r.json().getString("csrfToken");
        }
        return r;
    }

    void forgetCsrf() {
        csrf = null;
    }

    private HttpRequest.Builder json(String path, JsonObject body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json");
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return b;
    }

    private Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
        return new Reply(r.statusCode(), r.body(), headers);
    }
}
