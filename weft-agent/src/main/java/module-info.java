/**
 * The vRouter agent: sessions to control nodes, VRFs and ports with their labels, flow
 * decisions through the one policy evaluator, the DHCP/ARP/DNS services and the port API
 * the CNI plugin uses.
 */
module io.weft.agent {
  requires transitive io.weft.model;
  requires transitive io.weft.policy;
  requires transitive io.weft.xmpp;
  requires transitive io.weft.forwarder;
  requires io.weft.dns;
  requires io.javalin;
  requires com.fasterxml.jackson.databind;
  requires io.prometheus.metrics.core;
  requires io.prometheus.metrics.model;
  requires io.prometheus.writer.text;
  requires org.slf4j;

  exports io.weft.agent;
  exports io.weft.agent.oper;
  exports io.weft.agent.portapi;
  exports io.weft.agent.flow;
  exports io.weft.agent.controller;
  exports io.weft.agent.dataplane;
  exports io.weft.agent.introspect;
  exports io.weft.agent.services;
  exports io.weft.agent.services.dhcp;
  exports io.weft.agent.services.dns;
  exports io.weft.agent.services.arp;
}
