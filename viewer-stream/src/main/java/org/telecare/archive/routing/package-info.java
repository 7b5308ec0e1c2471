/**
 * Auto-routing (ARC-3): rules that pick newly stored instances, a durable forward queue in the
 * record store (compare-and-set claims, exponential backoff, a failed state with manual retry),
 * the sender that batches a destination's jobs on one association, and the admin API.
 */
package org.telecare.archive.routing;
