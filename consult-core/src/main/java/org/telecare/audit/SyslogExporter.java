package org.telecare.audit;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends audit entries to a syslog receiver as RFC 5424 messages ({@link SyslogFormat}): over UDP
 * one message per datagram (RFC 5426), over TCP with octet-counting framing
 * {@code MSG-LEN SP SYSLOG-MSG} (RFC 6587 §3.4.1), reconnecting with jittered exponential backoff.
 *
 * <p>{@link #offer} never blocks and never fails: messages wait in a bounded queue while the
 * receiver is unreachable, and when it is full the oldest are dropped and counted
 * ({@link Stats#dropped()}). Messages handed to a TCP connection that then breaks may be lost
 * (syslog over TCP has no acknowledgements); the chain in the database remains the record.
 */
public final class SyslogExporter {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogExporter.class);

    private final Vertx vertx;
    private final SyslogConfig config;
    private final Context context;
    private final String hostname;
    private final String procId;

    private final Deque<Buffer> queue = new ArrayDeque<>(); // guarded by itself
    private final AtomicBoolean pumpScheduled = new AtomicBoolean();
    private volatile boolean closed;

    // counters: written under the queue lock or on the context, read by stats()
    private volatile long offered;
    private volatile long sent;
    private volatile long dropped;
    private volatile long failed;
    private volatile long connectFailures;

    // on the context only
    private DatagramSocket udp;
    private boolean udpInFlight;
    private NetClient tcp;
    private volatile NetSocket socket;
    private boolean connecting;
    private long reconnectTimer = -1;
    private long backoffMs;

    /**
     * Counters since creation.
     *
     * @param offered  entries handed to {@link #offer}
     * @param sent     messages written to the socket
     * @param dropped  messages discarded because the queue was full (the oldest go first)
     * @param failed   messages the socket refused or lost when its connection broke, and entries that could not be formatted
     * @param queued   messages waiting now
     * @param connected whether a TCP connection is open (always {@code true} for UDP)
     * @param connectFailures TCP connection attempts that failed
     */
    public record Stats(long offered, long sent, long dropped, long failed, int queued, boolean connected,
                       long connectFailures) {
    }

    private SyslogExporter(Vertx vertx, SyslogConfig config, String hostname) {
        this.vertx = vertx;
        this.config = config;
        this.context = vertx.getOrCreateContext();
        this.hostname = hostname;
        this.procId = Long.toString(ProcessHandle.current().pid());
        this.backoffMs = config.reconnectMin().toMillis();
    }

    /**
     * Creates the exporter; it connects lazily, when the first message is waiting. Without a
     * configured hostname this looks up the machine's name once (configure one, e.g. the node id,
     * to avoid that lookup).
     */
    public static SyslogExporter create(Vertx vertx, SyslogConfig config) {
        String host = config.hostname() != null ? config.hostname() : localHostname();
        return new SyslogExporter(vertx, config, host);
    }

    private static String localHostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isEmpty() || !SyslogFormat.printable(name) ? "-" : name;
        } catch (Exception e) {
            return "-";
        }
    }

    public SyslogConfig config() {
        return config;
    }

    /** Queues the entry for sending; returns at once. */
    public void offer(AuditEntry entry) {
        if (closed) {
            return;
        }
        Buffer frame;
        try {
            frame = frame(SyslogFormat.format(entry, config.facility(), hostname, config.appName(), procId,
                    config.maxMessageBytes()));
        } catch (RuntimeException e) {
            synchronized (queue) {
                failed++;
            }
            LOG.warn("audit seq {} could not be formatted for syslog", entry.seq(), e);
            return;
        }
        long droppedNow = 0;
        synchronized (queue) {
            offered++;
            if (queue.size() >= config.queueCapacity()) {
                queue.pollFirst();
                droppedNow = ++dropped;
            }
            queue.addLast(frame);
        }
        if (droppedNow == 1 || droppedNow % 1000 == 0 && droppedNow > 0) {
            LOG.warn("syslog receiver {}:{} is not keeping up or unreachable; {} audit messages dropped so far",
                    config.host(), config.port(), droppedNow);
        }
        schedulePump();
    }

    /** The bytes on the wire for one message: as is over UDP, {@code LEN SP MSG} over TCP. */
    private Buffer frame(byte[] message) {
        if (config.transport() == SyslogConfig.Transport.UDP) {
            return Buffer.buffer(message);
        }
        return Buffer.buffer(message.length + 8)
                .appendBytes((message.length + " ").getBytes(StandardCharsets.US_ASCII))
                .appendBytes(message);
    }

    public Stats stats() {
        int queued;
        synchronized (queue) {
            queued = queue.size();
        }
        boolean connected = config.transport() == SyslogConfig.Transport.UDP || socket != null;
        return new Stats(offered, sent, dropped, failed, queued, connected, connectFailures);
    }

    /** Stops sending; messages still queued are discarded. */
    public Future<Void> close() {
        closed = true;
        return Future.future(promise -> context.runOnContext(v -> {
            if (reconnectTimer >= 0) {
                vertx.cancelTimer(reconnectTimer);
                reconnectTimer = -1;
            }
            Future<Void> a = udp == null ? Future.succeededFuture() : udp.close();
            Future<Void> b = tcp == null ? Future.succeededFuture() : tcp.close();
            Future.join(a, b).<Void>mapEmpty().onComplete(promise);
        }));
    }

    private void schedulePump() {
        if (pumpScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                pumpScheduled.set(false);
                pump();
            });
        }
    }

    private Buffer poll() {
        synchronized (queue) {
            return queue.pollFirst();
        }
    }

    private boolean nothingQueued() {
        synchronized (queue) {
            return queue.isEmpty();
        }
    }

    private void countSent(boolean ok) {
        synchronized (queue) {
            if (ok) {
                sent++;
            } else {
                failed++;
            }
        }
    }

    // ------------------------------------------------------------------ on the context

    private void pump() {
        if (closed) {
            return;
        }
        if (config.transport() == SyslogConfig.Transport.UDP) {
            pumpUdp();
        } else {
            pumpTcp();
        }
    }

    private void pumpUdp() {
        if (udpInFlight) {
            return;
        }
        Buffer next = poll();
        if (next == null) {
            return;
        }
        if (udp == null) {
            udp = vertx.createDatagramSocket(new DatagramSocketOptions());
        }
        udpInFlight = true;
        udp.send(next, config.port(), config.host()).onComplete(ar -> {
            udpInFlight = false;
            countSent(ar.succeeded());
            if (ar.failed()) {
                LOG.debug("syslog datagram to {}:{} failed", config.host(), config.port(), ar.cause());
            }
            pump();
        });
    }

    private void pumpTcp() {
        NetSocket s = socket;
        if (s == null) {
            if (!connecting && reconnectTimer < 0 && !nothingQueued()) {
                connect();
            }
            return;
        }
        while (!s.writeQueueFull()) {
            Buffer next = poll();
            if (next == null) {
                return;
            }
            s.write(next).onComplete(ar -> countSent(ar.succeeded()));
        }
        s.drainHandler(v -> pump());
    }

    private void connect() {
        if (tcp == null) {
            NetClientOptions options = config.tcpOptions() != null ? new NetClientOptions(config.tcpOptions())
                    : new NetClientOptions().setConnectTimeout(5_000);
            tcp = vertx.createNetClient(options);
        }
        connecting = true;
        tcp.connect(config.port(), config.host()).onComplete(ar -> {
            connecting = false;
            if (closed) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                connectFailures++;
                if (connectFailures == 1 || connectFailures % 100 == 0) {
                    LOG.warn("cannot connect to the syslog receiver {}:{} ({} failures so far): {}", config.host(),
                            config.port(), connectFailures, ar.cause().getMessage());
                }
                scheduleReconnect();
                return;
            }
            NetSocket s = ar.result();
            socket = s;
            backoffMs = config.reconnectMin().toMillis();
            LOG.info("connected to the syslog receiver {}:{}", config.host(), config.port());
            s.handler(ignored -> { }); // receivers do not answer in RFC 6587; discard anything they send
            s.exceptionHandler(e -> LOG.debug("syslog connection to {}:{}: {}", config.host(), config.port(),
                    e.getMessage()));
            s.closeHandler(v -> {
                if (socket == s) {
                    socket = null;
                    if (!closed) {
                        LOG.warn("lost the connection to the syslog receiver {}:{}; reconnecting", config.host(),
                                config.port());
                        scheduleReconnect();
                    }
                }
            });
            pump();
        });
    }

    private void scheduleReconnect() {
        if (closed || reconnectTimer >= 0) {
            return;
        }
        long base = backoffMs;
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        backoffMs = Math.min(base * 2, config.reconnectMax().toMillis());
        reconnectTimer = vertx.setTimer(Math.max(1, delay), id -> {
            reconnectTimer = -1;
            pump();
        });
    }
}
