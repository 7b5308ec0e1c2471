package org.telecare.module;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Services that one module provides to the others (the access guard, the audit trail), looked
 * up by type. A module provides in its {@code start}; modules that need it start later
 * ({@link TelecareModule#order()}).
 */
public final class NodeServices {
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

    public <T> void provide(Class<T> type, T service) {
        if (services.putIfAbsent(type, service) != null) {
            throw new IllegalStateException(type.getSimpleName() + " is already provided by another module");
        }
    }

    public <T> T require(Class<T> type) {
        Object s = services.get(type);
        if (s == null) {
            throw new IllegalStateException("no module provides " + type.getSimpleName()
                    + "; is the module that does on the class path and ordered first?");
        }
        return type.cast(s);
    }

    public <T> java.util.Optional<T> find(Class<T> type) {
        return java.util.Optional.ofNullable(type.cast(services.get(type)));
    }
}
