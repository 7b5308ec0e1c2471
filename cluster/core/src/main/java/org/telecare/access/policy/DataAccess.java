package org.telecare.access.policy;

/**
 * The one place data access is decided (SEC-4). Answers from memory, so it may be asked on the
 * event loop for every row a query returns. Provided by the accounts module through
 * {@code NodeServices}; callers audit what they do with the answer.
 */
public interface DataAccess {
    AccessDecision decide(DataRequester requester, DataAction action, DataResource resource);
}
