package org.telecare.node;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VertxOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.module.ModuleContext;
import org.telecare.module.NodeServices;
import org.telecare.module.TelecareModule;
import org.telecare.node.cluster.ClusterPing;
import org.telecare.node.cluster.HazelcastSetup;
import org.telecare.node.config.NodeConfig;
import org.telecare.node.health.HealthReport;
import org.telecare.node.http.HttpFront;
import org.telecare.node.http.SelfSignedCertificate;
import org.telecare.node.metrics.MeteredStorage;
import org.telecare.node.storage.BackendOpener;
import org.telecare.storage.SchemaMigration;
import org.telecare.storage.StorageBackend;
import org.telecare.storage.StorageHealth;

import java.net.BindException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;

/**
 * A running telecare node: one Hazelcast member, one clustered Vert.x, one storage backend, the
 * HTTP front, and every feature module on the class path.
 *
 * <p>Start-up order: cluster, storage, HTTP (so {@code /health} can say "not ready yet, because
 * …" while Cassandra is still out of reach), then migrations and modules in the background.
 */
public final class Node {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    public static final String VERSION = versionOf();

    private final NodeConfig config;
    private final Vertx vertx;
    private final HazelcastClusterManager clusterManager;
    private final PrometheusMeterRegistry metrics;
    private final List<TelecareModule> modules;
    private StorageBackend storage;
    private HttpServer http;
    private HttpServer https;
    private Router apiRouter;
    private final NodeServices services = new NodeServices();
    private ClusterPing ping;
    private volatile boolean modulesStarted;
    private volatile String problem;

    private Node(NodeConfig config, Vertx vertx, HazelcastClusterManager clusterManager,
                 PrometheusMeterRegistry metrics) {
        this.config = config;
        this.vertx = vertx;
        this.clusterManager = clusterManager;
        this.metrics = metrics;
        this.modules = ServiceLoader.load(TelecareModule.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(TelecareModule::order).thenComparing(TelecareModule::id))
                .toList();
    }

    /** Starts a node; the future fails with a message fit for an operator (port in use, bad storage). */
    public static Future<Node> start(NodeConfig config) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.config().commonTags("node", config.nodeId());
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ClassLoaderMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);

        HazelcastClusterManager clusterManager = new HazelcastClusterManager(HazelcastSetup.forNode(config));
        VertxOptions options = new VertxOptions()
                .setEventBusOptions(new EventBusOptions().setHost(config.cluster().host()).setPort(0))
                .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
        // A context-free promise: its listeners must still run if start-up fails and Vert.x closes.
        Promise<Node> result = Promise.promise();
        Vertx.builder().with(options)
                .withMetrics(new MicrometerMetricsFactory(metrics))
                .withClusterManager(clusterManager)
                .buildClustered()
                .onComplete(built -> {
                    if (built.failed()) {
                        metrics.close();
                        result.fail(new NodeStartException("cannot join the cluster '" + config.cluster().name()
                                + "' on " + config.cluster().host() + ":" + config.cluster().port() + ": "
                                + built.cause().getMessage(), built.cause()));
                        return;
                    }
                    Node node = new Node(config, built.result(), clusterManager, metrics);
                    node.startParts().onComplete(r -> {
                        if (r.succeeded()) {
                            result.complete(node);
                        } else {
                            node.stop().onComplete(x -> result.fail(r.cause()));
                        }
                    });
                });
        return result.future();
    }

    private Future<Void> startParts() {
        ping = new ClusterPing(vertx, config.nodeId());
        return ping.start()
                .compose(v -> BackendOpener.open(vertx, config))
                .compose(backend -> {
                    storage = new MeteredStorage(backend, metrics);
                    return startHttp();
                })
                .onSuccess(v -> startModules());
    }

    private Future<Void> startHttp() {
        Router api = Router.router(vertx);
        apiRouter = api;
        Router root = HttpFront.router(vertx, api, this::health, ping, metrics);
        // gzip level 1: JSON answers (metadata, QIDO) get most of the gain already; higher levels
        // take CPU the image traffic needs. Pixel data answers opt out (Content-Encoding: identity).
        HttpServerOptions plain = new HttpServerOptions().setHost(config.http().host()).setPort(config.http().port())
                .setCompressionSupported(true).setCompressionLevel(1);
        Future<Void> started = listen(plain, root, "HTTP", config.http().port(), "http.port or --http-port")
                .map(server -> {
                    http = server;
                    return null;
                });
        NodeConfig.Tls tls = config.http().tls();
        if (!tls.enabled()) {
            return started;
        }
        return started.compose(v -> vertx.executeBlocking(() -> tls.certFile().isPresent()
                        ? new SelfSignedCertificate.PemFiles(tls.certFile().get(), tls.keyFile().orElseThrow())
                        : SelfSignedCertificate.ensure(config.dataDir().resolve("tls")), false))
                .compose(pem -> listen(new HttpServerOptions().setHost(config.http().host()).setPort(tls.port())
                                .setCompressionSupported(true).setCompressionLevel(1).setSsl(true).setUseAlpn(true)
                                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(pem.cert().toString())
                                        .setKeyPath(pem.key().toString())),
                        root, "HTTPS", tls.port(), "http.tls.port"))
                .map(server -> {
                    https = server;
                    return null;
                });
    }

    private Future<HttpServer> listen(HttpServerOptions options, Router root, String what, int port, String setting) {
        return vertx.createHttpServer(options).requestHandler(root).listen()
                .recover(e -> Future.failedFuture(new NodeStartException(
                        (e instanceof BindException || String.valueOf(e.getMessage()).contains("in use")
                                ? what + " port " + port + " on " + config.http().host()
                                + " is already in use (set " + setting + ")"
                                : "cannot listen for " + what + " on " + config.http().host() + ":" + port
                                + ": " + e.getMessage()), e)));
    }

    /** Migrations wait for storage (Cassandra may still be out of reach); modules after them. */
    private void startModules() {
        List<SchemaMigration> migrations = new ArrayList<>();
        modules.forEach(m -> migrations.addAll(m.migrations()));
        storage.migrate(migrations)
                .compose(v -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (TelecareModule module : modules) {
                        chain = chain.compose(x -> {
                            JsonObject section = config.modules().getJsonObject(module.id(), new JsonObject());
                            if (module.id().equals("archive") && !section.containsKey("dicom")) {
                                // The node's dicom section (port, AE title, --dicom-port) is the archive's listener.
                                section = section.copy().put("dicom", new JsonObject()
                                        .put("aeTitle", config.dicom().aeTitle()).put("port", config.dicom().port())
                                        .put("host", config.http().host()));
                            }
                            JsonObject moduleSection = section;
                            return module.start(new ModuleContext(vertx, config.nodeId(), apiRouter, storage,
                                            metrics, moduleSection, config.dataDir(), services))
                                    .onSuccess(ok -> LOG.info("module {} started", module.id()))
                                    .recover(e -> Future.failedFuture(new NodeStartException(
                                            "module " + module.id() + " failed to start: " + e.getMessage(), e)));
                        });
                    }
                    return chain;
                })
                .onSuccess(v -> {
                    modulesStarted = true;
                    LOG.info("node {} ready", config.nodeId());
                })
                .onFailure(e -> {
                    problem = e.getMessage();
                    LOG.error("node {} is not ready: {}", config.nodeId(), e.getMessage(), e);
                });
    }

    public HealthReport health() {
        StorageHealth storageHealth = storage == null
                ? new StorageHealth(config.storage().backend().name().toLowerCase(), StorageHealth.State.STARTING, "opening")
                : storage.health();
        return new HealthReport(config.nodeId(), VERSION, modulesStarted, members(), storageHealth,
                modules.stream().map(TelecareModule::id).toList(), problem);
    }

    private List<JsonObject> members() {
        HazelcastInstance hz = clusterManager.getHazelcastInstance();
        if (hz == null || !hz.getLifecycleService().isRunning()) {
            return List.of();
        }
        List<JsonObject> out = new ArrayList<>();
        for (Member m : hz.getCluster().getMembers()) {
            out.add(new JsonObject()
                    .put("id", m.getUuid().toString())
                    .put("nodeId", m.getAttribute(HazelcastSetup.NODE_ID_ATTRIBUTE))
                    .put("address", m.getAddress().getHost() + ":" + m.getAddress().getPort())
                    .put("local", m.localMember()));
        }
        return out;
    }

    public Vertx vertx() {
        return vertx;
    }

    public StorageBackend storage() {
        return storage;
    }

    public int httpPort() {
        return http == null ? -1 : http.actualPort();
    }

    /** The HTTPS port, or -1 when TLS is off. */
    public int httpsPort() {
        return https == null ? -1 : https.actualPort();
    }

    public NodeConfig config() {
        return config;
    }

    /** Stops serving, closes storage, leaves the cluster. */
    public Future<Void> stop() {
        Future<Void> httpClosed = (http == null ? Future.<Void>succeededFuture() : http.close())
                .eventually(() -> https == null ? Future.succeededFuture() : https.close());
        // Callbacks bound to a Vert.x context never run once that Vert.x is closed, so the end of
        // the shutdown is signalled through a plain CompletableFuture instead.
        CompletableFuture<Void> done = new CompletableFuture<>();
        httpClosed
                .eventually(() -> ping == null ? Future.succeededFuture() : ping.stop())
                .eventually(() -> storage == null ? Future.succeededFuture() : storage.close())
                .onComplete(parts -> vertx.close().onComplete(closed -> {
                    metrics.close();
                    if (parts.failed()) {
                        done.completeExceptionally(parts.cause());
                    } else if (closed.failed()) {
                        done.completeExceptionally(closed.cause());
                    } else {
                        done.complete(null);
                    }
                }));
        return Future.fromCompletionStage(done);
    }

    private static String versionOf() {
        String v = Node.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
