package org.telecare.archive;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.telecare.access.AccessGuard;
import org.telecare.access.Permission;
import org.telecare.access.PermissionCatalog;
import org.telecare.access.Principal;
import org.telecare.access.policy.Baseline;
import org.telecare.access.policy.DataAccess;
import org.telecare.access.policy.DataAccessLog;
import org.telecare.access.policy.PolicyEvaluator;
import org.telecare.module.ModuleContext;
import org.telecare.module.NodeServices;
import org.telecare.storage.embedded.EmbeddedStorage;
import org.telecare.web.ApiException;
import org.telecare.web.ApiFailureHandler;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The archive module as a node runs it, for tests: embedded storage under {@code dir}, the
 * module's routes under {@code /api/v1} on an ephemeral port, DICOM on an ephemeral port. Users
 * (header {@code X-Test-User}) named {@code admin…} hold every archive permission, {@code viewer…}
 * only the read ones; a name ending in {@code a} belongs to hospital {@code hosp-a}. Closing and
 * starting again on the same folder is a node restart.
 */
public final class ArchiveNode implements AutoCloseable {
    static final Set<Permission> ADMIN = Set.of(Permission.of("data.patients.classify"),
            Permission.of("archive.remotes.read"), Permission.of("archive.remotes.write"),
            Permission.of("archive.routing.read"), Permission.of("archive.routing.write"),
            Permission.of("archive.resync"));
    static final Set<Permission> VIEWER = Set.of(Permission.of("archive.remotes.read"),
            Permission.of("archive.routing.read"));

    public final Vertx vertx;
    public final EmbeddedStorage storage;
    public final HttpServer http;
    public final ArchiveModule module;
    public final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    public final PermissionCatalog permissions = new PermissionCatalog();
    /** What the module reported to the data access log: "login action type id allowed". */
    public final List<String> audit = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    private ArchiveNode(Vertx vertx, EmbeddedStorage storage, HttpServer http, ArchiveModule module) {
        this.vertx = vertx;
        this.storage = storage;
        this.http = http;
        this.module = module;
    }

    public static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a node; the module's start failure is thrown (after the node is closed again). */
    public static ArchiveNode start(Path dir, JsonObject config) {
        Vertx vertx = Vertx.vertx();
        EmbeddedStorage storage = EmbeddedStorage.open(vertx, dir, "n1", false);
        ArchiveModule module = new ArchiveModule();
        await(storage.migrate(module.migrations()));
        Router root = Router.router(vertx);
        Router api = Router.router(vertx);
        root.route("/api/v1/*").subRouter(api);
        root.route().failureHandler(new ApiFailureHandler());
        HttpServer http = await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
        ArchiveNode node = new ArchiveNode(vertx, storage, http, module);
        NodeServices services = new NodeServices();
        services.provide(AccessGuard.class, new Guard());
        services.provide(PermissionCatalog.class, node.permissions);
        PolicyEvaluator policies = new PolicyEvaluator(List.of(), Set.of("VIP"), Baseline.OWN_HOSPITAL);
        services.provide(DataAccess.class, (r, a, res) -> policies.decide(r, a, res, Instant.now()));
        services.provide(DataAccessLog.class, (who, ip, action, type, id, d) -> node.audit.add(who.login() + " "
                + action.code() + " " + type + " " + id + " " + d.allowed()));
        JsonObject c = config.copy();
        c.put("dicom", c.getJsonObject("dicom", new JsonObject()).copy().put("host", "127.0.0.1")
                .put("port", c.getJsonObject("dicom", new JsonObject()).getInteger("port", 0)));
        try {
            await(module.start(new ModuleContext(vertx, "n1", api, storage, node.metrics, c, dir, services)));
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    public int dicomPort() {
        return module.dicomServer().orElseThrow().port();
    }

    @Override
    public void close() {
        try {
            await(storage.close());
        } finally {
            await(vertx.close());
        }
    }

    public HttpResponse<String> call(String method, String path, String user, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.actualPort() + "/api/v1"
                + path)).method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            b.header("X-Test-User", user);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> getBytes(String path, String user) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.actualPort() + "/api/v1"
                    + path)).header("X-Test-User", user).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final class Guard implements AccessGuard {
        @Override
        public Handler<RoutingContext> authenticated() {
            return require();
        }

        @Override
        public Handler<RoutingContext> require(Permission... needed) {
            return ctx -> {
                String who = ctx.request().getHeader("X-Test-User");
                if (who == null) {
                    ctx.fail(new ApiException(401, 2401, "sign in first"));
                    return;
                }
                Set<Permission> held = who.startsWith("admin") ? ADMIN : who.startsWith("viewer") ? VIEWER : Set.of();
                if (!held.containsAll(Set.of(needed))) {
                    ctx.fail(new ApiException(403, 2403, "lacks " + Set.of(needed)));
                    return;
                }
                ctx.put(PRINCIPAL_KEY, new Principal("u-" + who, who, who, Optional.of(who.endsWith("a") ? "hosp-a"
                        : "hosp-b"), Optional.empty(), Set.of("doctor"), held, "s", false));
                ctx.next();
            };
        }
    }
}
