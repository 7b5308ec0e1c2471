package org.telecare.accounts;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.telecare.web.ApiFailureHandler;

import java.util.function.Consumer;

import static org.telecare.storage.conformance.TestBackends.await;

/**
 * An area's routes served as the node serves them ({@code /api/v1}, the node's failure handler)
 * on an ephemeral loopback port, for HTTP-level tests of one module.
 */
public final class ApiTestServer {
    private final HttpServer server;

    /** An answer as the client sees it. */
    public record Reply(int status, String body, java.util.Map<String, String> headers) {
        public Reply(int status, String body) {
            this(status, body, java.util.Map.of());
        }

        /** The first value of a response header (names compared in lower case), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public JsonObject json() {
            return new JsonObject(body);
        }

        public int errorCode() {
            return json().getJsonObject("error").getInteger("code");
        }

        public String message() {
            return json().getJsonObject("error").getString("message");
        }
    }

    private ApiTestServer(HttpServer server) {
        this.server = server;
    }

    /** {@code mount} registers the area's routes on the {@code /api/v1} router. */
    public static ApiTestServer start(Vertx vertx, Consumer<Router> mount) throws Exception {
        Router root = Router.router(vertx);
        Router api = Router.router(vertx);
        root.route("/api/v1/*").subRouter(api);
        root.route().failureHandler(new ApiFailureHandler());
        mount.accept(api);
        return new ApiTestServer(await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1")));
    }

    public int port() {
        return server.actualPort();
    }

    public String base() {
        return "http://127.0.0.1:" + port();
    }

    public void close() throws Exception {
        await(server.close());
    }
}
