/**
 * Compiled policy rules: what the compiler writes into each PortConfig and what the one
 * evaluator ({@code io.weft.policy.PolicyEvaluator}) decides flows from. Self-contained data:
 * every name is already resolved ({@code local} replaced by the network, service groups
 * expanded into services, address groups into prefixes), so a vRouter needs nothing else.
 *
 * <p>Conventions: names of networks and security groups are {@code project/name}; tags are
 * {@code type=value}; a protocol is an IANA number with {@link Protocols#ANY} (-1) for any;
 * an empty port list means any port. Lists are never null (null is read as empty).
 */
package io.weft.model.derived.rules;
