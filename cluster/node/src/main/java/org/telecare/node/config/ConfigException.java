package org.telecare.node.config;

import java.util.List;

/** The configuration is wrong; the message names each offending key and what is expected. */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
