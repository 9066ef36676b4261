/**
 * The control node's DNS service (TF's contrail-named for a virtual DNS): {@link io.weft.control.dns.PortNames}
 * indexes every port's name and addresses as the config index learns them, {@link io.weft.control.dns.PortZone}
 * answers from it, {@link io.weft.control.dns.DnsServer} serves it over UDP. Agents ask it for the
 * names of ports on other hosts.
 */
package io.weft.control.dns;
