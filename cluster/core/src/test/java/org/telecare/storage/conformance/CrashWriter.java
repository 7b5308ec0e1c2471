package org.telecare.storage.conformance;

import io.vertx.core.Vertx;
import org.telecare.storage.RecordKey;
import org.telecare.storage.StorageBackend;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Child process of the crash test: writes records as fast as it can, several in flight, and
 * prints {@code ACK <n>} for each write the backend acknowledged. The parent kills it with
 * SIGKILL part-way and checks that every acknowledged record is there.
 */
public final class CrashWriter {
    public static final int IN_FLIGHT = 16;
    public static final int MAX_RECORDS = 100_000;

    private CrashWriter() {
    }

    public static String valueOf(int n) {
        return "value-" + n + "-" + "x".repeat(n % 97);
    }

    public static void main(String[] args) throws Exception {
        String partition = args[0];
        List<String> recipe = Arrays.asList(args).subList(1, args.length);
        Vertx vertx = Vertx.vertx();
        StorageBackend backend = TestBackends.open(vertx, recipe);
        System.out.println("READY");
        System.out.flush();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        for (int n = 0; n < MAX_RECORDS; n++) {
            slots.acquire();
            int id = n;
            backend.records().put(TestBackends.PLAIN, RecordKey.of(partition, "%08d".formatted(id)),
                            valueOf(id).getBytes(StandardCharsets.UTF_8))
                    .onComplete(done -> {
                        if (done.succeeded()) {
                            synchronized (System.out) {
                                System.out.println("ACK " + id);
                                System.out.flush();
                            }
                        }
                        slots.release();
                    });
        }
        slots.acquire(IN_FLIGHT);
        System.out.println("DONE");
        System.exit(0);
    }
}
