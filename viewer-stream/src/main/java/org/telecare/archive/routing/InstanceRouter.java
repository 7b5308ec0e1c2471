package org.telecare.archive.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telecare.archive.ingest.NewInstance;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * Forward on receipt (ARC-3): told of each newly stored instance, it enqueues one job per
 * matching destination and kicks the sender. Nothing here is awaited by the store: the sender
 * already has its success. An instance is never routed back to the AE that sent it, so two
 * archives routing to each other do not loop.
 */
public final class InstanceRouter implements Consumer<NewInstance> {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceRouter.class);

    private final RoutingRules rules;
    private final ForwardQueue queue;
    private final ForwardSender sender;
    private final Clock clock;

    public InstanceRouter(RoutingRules rules, ForwardQueue queue, ForwardSender sender, Clock clock) {
        this.rules = rules;
        this.queue = queue;
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public void accept(NewInstance instance) {
        for (String destination : rules.destinationsFor(instance)) {
            if (destination.equals(instance.callingAe().strip())) {
                continue;
            }
            queue.enqueue(ForwardJob.create(instance, destination, clock.instant()))
                    .onSuccess(job -> sender.kick(destination))
                    .onFailure(e -> LOG.error("could not queue {} for {}: {}", instance.sopInstanceUid(), destination,
                            e.toString()));
        }
    }
}
