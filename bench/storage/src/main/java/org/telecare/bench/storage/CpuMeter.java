package org.telecare.bench.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the machine's CPU time went between two samples, from {@code /proc}: this JVM, the
 * Cassandra JVM (if its pid is known) and everything else. The benchmark shares the machine
 * with whatever else runs on it, and these figures say how much that was.
 */
final class CpuMeter {
    /** USER_HZ: the unit of /proc/stat and /proc/PID/stat times; 100 on Linux x86-64. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Sample(long nanos, long busyTicks, long iowaitTicks, long selfTicks, long cassandraTicks) {
    }

    private final Optional<Path> cassandraPidFile;

    CpuMeter(Optional<Path> cassandraPidFile) {
        this.cassandraPidFile = cassandraPidFile;
    }

    Optional<Sample> sample() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = parse(cpu, 1) + parse(cpu, 2) + parse(cpu, 3) + parse(cpu, 6) + parse(cpu, 7) + parse(cpu, 8);
            long iowait = parse(cpu, 5);
            long self = processTicks(Path.of("/proc/self/stat"));
            long cassandra = cassandraPid().map(pid -> {
                try {
                    return processTicks(Path.of("/proc", pid, "stat"));
                } catch (IOException | RuntimeException e) {
                    return 0L;
                }
            }).orElse(0L);
            return Optional.of(new Sample(System.nanoTime(), busy, iowait, self, cassandra));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not Linux, or /proc unreadable: no CPU notes
        }
    }

    /** One line: how busy the machine was and who used it, between two samples. */
    static String describe(Sample from, Sample to, int cores) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        double busy = (to.busyTicks() - from.busyTicks()) / TICKS_PER_SECOND;
        double self = (to.selfTicks() - from.selfTicks()) / TICKS_PER_SECOND;
        double cassandra = (to.cassandraTicks() - from.cassandraTicks()) / TICKS_PER_SECOND;
        double others = Math.max(0, busy - self - cassandra);
        double iowait = (to.iowaitTicks() - from.iowaitTicks()) / TICKS_PER_SECOND;
        return String.format(Locale.ROOT,
                "%.1f s wall: machine CPU %.0f%% busy (%.1f of %.1f core-s), benchmark JVM %.1f core-s, "
                        + "Cassandra JVM %.1f core-s, other processes %.1f core-s; iowait %.1f core-s",
                seconds, seconds > 0 ? 100 * busy / (seconds * cores) : 0, busy, seconds * cores, self, cassandra,
                others, iowait);
    }

    private Optional<String> cassandraPid() throws IOException {
        if (cassandraPidFile.isEmpty() || !Files.isRegularFile(cassandraPidFile.get())) {
            return Optional.empty();
        }
        String pid = Files.readString(cassandraPidFile.get()).trim();
        return pid.matches("\\d+") ? Optional.of(pid) : Optional.empty();
    }

    /** utime + stime of a process; the fields after the command name, which may hold spaces. */
    static long processTicks(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
        // After "pid (comm) ": state(0) ppid(1) ... utime(11) stime(12)
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long parse(String[] fields, int i) {
        return i < fields.length ? Long.parseLong(fields[i]) : 0;
    }
}
