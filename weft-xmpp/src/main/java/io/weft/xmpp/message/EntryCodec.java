package io.weft.xmpp.message;

import static io.weft.xmpp.message.Fields.bool;
import static io.weft.xmpp.message.Fields.list;
import static io.weft.xmpp.message.Fields.requiredInt;
import static io.weft.xmpp.message.Fields.requiredText;
import static io.weft.xmpp.message.Fields.requiredUnsigned;
import static io.weft.xmpp.message.Fields.text;
import static io.weft.xmpp.message.Fields.textList;
import static io.weft.xmpp.message.Fields.unsigned;
import static io.weft.xmpp.message.Fields.unsignedList;

import io.weft.xmpp.stream.XmlElement;
import io.weft.xmpp.stream.XmlOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <entry>} ↔ {@link RouteEntry}, element for element as TF's xmpp_unicast.xsd and
 * xmpp_enet.xsd, in schema order. Unknown child elements are ignored (forward compatibility,
 * as the original's generated parser does).
 */
final class EntryCodec {
  /** Namespace the original agent puts on {@code <entry>}. */
  static final String ENTRY_NS = "http://ietf.org/protocol/bgpvpn";

  private EntryCodec() {}

  static void encode(RouteEntry entry, XmlOutput out) {
    switch (entry) {
      case UnicastEntry u -> encodeUnicast(u, out);
      case EvpnEntry e -> encodeEvpn(e, out);
    }
  }

  static RouteEntry decode(XmlElement entry, Family family) {
    return family == Family.EVPN ? decodeEvpn(entry) : decodeUnicast(entry, family);
  }

  private static void encodeUnicast(UnicastEntry u, XmlOutput b) {
    b.start("entry").attribute("xmlns", ENTRY_NS);
    b.start("nlri").leaf("af", u.nlri().af()).leaf("safi", u.nlri().safi()).leaf("address", u.nlri().address()).end("nlri");
    nextHops(b, "next-hops", u.nextHops());
    b.leaf("version", u.version());
    b.leaf("virtual-network", u.virtualNetwork());
    mobility(b, u.mobility());
    b.leaf("sequence-number", u.sequenceNumber());
    list(b, "security-group-list", "security-group", u.securityGroups());
    list(b, "community-tag-list", "community-tag", u.communityTags());
    b.leaf("local-preference", u.localPreference());
    b.leaf("med", u.med());
    if (u.loadBalance() != null) {
      LoadBalance lb = u.loadBalance();
      b.start("load-balance");
      list(b, "load-balance-fields", "load-balance-field-list", lb.fields().stream().map(LoadBalanceField::xml).toList());
      if (lb.decision() != null) b.leaf("load-balance-decision", lb.decision().xml());
      b.end("load-balance");
    }
    if (u.subProtocol() != null) b.leaf("sub-protocol", u.subProtocol().xml());
    b.end("entry");
  }

  private static void encodeEvpn(EvpnEntry e, XmlOutput b) {
    b.start("entry").attribute("xmlns", ENTRY_NS);
    EvpnNlri n = e.nlri();
    b.start("nlri")
        .leaf("af", n.af()).leaf("safi", n.safi()).leaf("ethernet-tag", n.ethernetTag())
        .leaf("mac", n.mac()).leaf("address", n.address()).leaf("group", n.group())
        .leaf("source", n.source()).leaf("flags", n.flags()).end("nlri");
    nextHops(b, "next-hops", e.nextHops());
    if (!e.olist().isEmpty()) nextHops(b, "olist", e.olist());
    b.leaf("virtual-network", e.virtualNetwork());
    mobility(b, e.mobility());
    b.leaf("sequence-number", e.sequenceNumber());
    list(b, "security-group-list", "security-group", e.securityGroups());
    b.leaf("local-preference", e.localPreference());
    b.leaf("med", e.med());
    b.leaf("edge-replication-not-supported", e.edgeReplicationNotSupported());
    b.leaf("assisted-replication-supported", e.assistedReplicationSupported());
    if (!e.leafOlist().isEmpty()) nextHops(b, "leaf-olist", e.leafOlist());
    b.leaf("replicator-address", e.replicatorAddress());
    b.leaf("etree-leaf", e.etreeLeaf());
    b.end("entry");
  }

  private static void mobility(XmlOutput b, Mobility m) {
    if (m != null) b.start("mobility").attribute("seqno", m.seqno()).attribute("sticky", m.sticky()).end("mobility");
  }

  private static void nextHops(XmlOutput b, String name, List<NextHop> hops) {
    b.start(name);
    for (NextHop h : hops) {
      b.start("next-hop")
          .leaf("af", h.af()).leaf("address", h.address()).leaf("mac", h.mac())
          .leaf("label", h.label()).leaf("vni", h.vni()).leaf("l3-label", h.l3Label());
      if (!h.encapsulations().isEmpty()) {
        b.start("tunnel-encapsulation-list");
        for (Encapsulation e : h.encapsulations()) b.leaf("tunnel-encapsulation", e.xml());
        b.end("tunnel-encapsulation-list");
      }
      b.leaf("virtual-network", h.virtualNetwork());
      list(b, "tag-list", "tag", h.tags());
      b.leaf("local-sequence-number", h.localSequenceNumber());
      b.end("next-hop");
    }
    b.end(name);
  }

  private static UnicastEntry decodeUnicast(XmlElement e, Family family) {
    XmlElement nlri = Fields.required(e, "nlri");
    UnicastNlri n = new UnicastNlri(requiredInt(nlri, "af"), requiredInt(nlri, "safi"), requiredText(nlri, "address"));
    if (Family.of(n.af(), n.safi()) != family) {
      throw new Bad("nlri af/safi " + n.af() + "/" + n.safi() + " does not match node family " + family, nlri);
    }
    LoadBalance lb = null;
    XmlElement l = e.child("load-balance");
    if (l != null) {
      List<LoadBalanceField> fields = new ArrayList<>();
      for (String s : textList(l, "load-balance-fields", "load-balance-field-list")) {
        LoadBalanceField f = LoadBalanceField.fromXml(s);
        if (f == null) throw new Bad("unknown load-balance field " + s, l);
        fields.add(f);
      }
      String d = text(l, "load-balance-decision");
      LoadBalanceDecision decision = d == null ? null : LoadBalanceDecision.fromXml(d);
      if (d != null && decision == null) throw new Bad("unknown load-balance-decision " + d, l);
      lb = new LoadBalance(fields, decision);
    }
    String sp = text(e, "sub-protocol");
    SubProtocol subProtocol = sp == null ? null : SubProtocol.fromXml(sp);
    if (sp != null && subProtocol == null) throw new Bad("unknown sub-protocol " + sp, e);
    return new UnicastEntry(n, nextHopList(e, "next-hops", true), unsigned(e, "version"),
        text(e, "virtual-network"), mobility(e), unsigned(e, "sequence-number"),
        unsignedList(e, "security-group-list", "security-group"),
        textList(e, "community-tag-list", "community-tag"),
        unsigned(e, "local-preference"), unsigned(e, "med"), lb, subProtocol);
  }

  private static EvpnEntry decodeEvpn(XmlElement e) {
    XmlElement nlri = Fields.required(e, "nlri");
    EvpnNlri n = new EvpnNlri(requiredInt(nlri, "af"), requiredInt(nlri, "safi"), unsigned(nlri, "ethernet-tag"),
        requiredText(nlri, "mac"), requiredText(nlri, "address"), text(nlri, "group"), text(nlri, "source"),
        unsigned(nlri, "flags"));
    if (Family.of(n.af(), n.safi()) != Family.EVPN) {
      throw new Bad("nlri af/safi " + n.af() + "/" + n.safi() + " is not EVPN 25/242", nlri);
    }
    if ((n.group() == null) != (n.source() == null)) throw new Bad("EVPN nlri needs both group and source", nlri);
    return new EvpnEntry(n, nextHopList(e, "next-hops", true), nextHopList(e, "olist", false),
        nextHopList(e, "leaf-olist", false), text(e, "virtual-network"), mobility(e),
        unsigned(e, "sequence-number"), unsignedList(e, "security-group-list", "security-group"),
        unsigned(e, "local-preference"), unsigned(e, "med"), bool(e, "edge-replication-not-supported"),
        bool(e, "assisted-replication-supported"), text(e, "replicator-address"), bool(e, "etree-leaf"));
  }

  private static Mobility mobility(XmlElement e) {
    XmlElement m = e.child("mobility");
    if (m == null) return null;
    String seqno = m.attribute("seqno");
    String sticky = m.attribute("sticky");
    return new Mobility(seqno == null ? null : Fields.parseUnsigned(seqno, "mobility@seqno", m),
        sticky == null ? null : Fields.parseBool(sticky, "mobility@sticky", m));
  }

  private static List<NextHop> nextHopList(XmlElement e, String name, boolean required) {
    XmlElement l = required ? Fields.required(e, name) : e.child(name);
    List<NextHop> out = new ArrayList<>();
    if (l == null) return out;
    for (XmlElement h : l.children("next-hop")) {
      List<Encapsulation> encaps = new ArrayList<>();
      for (String s : textList(h, "tunnel-encapsulation-list", "tunnel-encapsulation")) {
        Encapsulation enc = Encapsulation.fromXml(s);
        if (enc == null) throw new Bad("unknown tunnel-encapsulation " + s, h);
        encaps.add(enc);
      }
      out.add(new NextHop(requiredInt(h, "af"), requiredText(h, "address"), text(h, "mac"),
          requiredUnsigned(h, "label"), unsigned(h, "vni"), unsigned(h, "l3-label"), encaps,
          text(h, "virtual-network"), unsignedList(h, "tag-list", "tag"), unsigned(h, "local-sequence-number")));
    }
    return out;
  }
}
