package io.weft.xmpp.message;

import io.weft.xmpp.Jid;
import io.weft.xmpp.stream.XmlElement;
import io.weft.xmpp.stream.XmlOutput;
import io.weft.xmpp.stream.XmlWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure functions between stanzas ({@link XmlElement}, as framed by
 * {@link io.weft.xmpp.stream.XmppStreamParser}) and {@link XmppMessage} records.
 * Encoding never changes its input; decoding returns a {@link DecodeError} value, never throws.
 */
public final class XmppCodec {
  public static final String PUBSUB_NS = "http://jabber.org/protocol/pubsub";
  public static final String CONFIG_NS = "urn:weft:xmpp:config:1";
  public static final String STREAMS_NS = "urn:ietf:params:xml:ns:xmpp-streams";

  private XmppCodec() {}

  public static String encode(XmppMessage message) {
    XmlOutput out = new XmlOutput();
    encode(message, out);
    return out.toString();
  }

  public static byte[] encodeBytes(XmppMessage message) {
    XmlOutput out = new XmlOutput();
    encode(message, out);
    return out.toByteArray();
  }

  /** Appends the stanza of {@code message} to {@code out}, with no element tree in between. */
  public static void encode(XmppMessage message, XmlOutput out) {
    switch (message) {
      case Subscribe s -> {
        iqStart(out, s.from(), s.to(), s.id());
        out.start("subscribe").attribute("node", s.node());
        if (s.instanceId() != null || s.noRibOut() != null) {
          out.start("options").leaf("instance-id", s.instanceId()).leaf("no-ribout", s.noRibOut()).end("options");
        }
        out.end("subscribe");
        iqEnd(out);
      }
      case Unsubscribe u -> {
        iqStart(out, u.from(), u.to(), u.id());
        out.start("unsubscribe").attribute("node", u.node()).end("unsubscribe");
        iqEnd(out);
      }
      case Publish p -> {
        iqStart(out, p.from(), p.to(), p.id());
        out.start("publish").attribute("node", p.node().toString()).start("item");
        EntryCodec.encode(p.entry(), out);
        out.end("item").end("publish");
        iqEnd(out);
      }
      case Collection c -> {
        iqStart(out, c.from(), c.to(), c.id());
        out.start("collection").attribute("node", c.vrf())
            .start(c.action().xml()).attribute("node", c.itemNode()).end(c.action().xml())
            .end("collection");
        iqEnd(out);
      }
      case AgentEndOfRib e -> {
        iqStart(out, e.from(), e.to(), e.id());
        out.start("publish").attribute("node", NodeName.END_OF_RIB).end("publish");
        iqEnd(out);
      }
      case RouteEvent r -> {
        eventStart(out, r.from(), r.to(), NodeName.itemsNode(r.family(), r.vrf()));
        for (EventItem i : r.items()) item(i, out);
        for (String id : r.retracts()) out.start("retract").attribute("id", id).end("retract");
        eventEnd(out);
      }
      case EndOfRib e -> {
        eventStart(out, e.from(), e.to(), NodeName.END_OF_RIB);
        eventEnd(out);
      }
      case ConfigUpdate c -> {
        out.start("iq").attribute("type", "set").attribute("from", c.from()).attribute("to", c.to()).attribute("id", c.id());
        config(c.changes(), out);
        out.end("iq");
      }
      case StreamError e -> {
        out.start("stream:error").start(e.condition()).attribute("xmlns", STREAMS_NS).end(e.condition());
        if (e.text() != null) out.start("text").attribute("xmlns", STREAMS_NS).text(e.text()).end("text");
        out.end("stream:error");
      }
    }
  }

  /**
   * One {@code <item id><entry>…</entry></item>} of a control → agent event, encoded once so
   * that the same bytes go to every agent subscribed to the route (TF's RibOut builds one
   * update message for all the peers of an update group in the same way).
   */
  public static byte[] encodeItem(EventItem item) {
    XmlOutput out = new XmlOutput(768);
    item(item, out);
    return out.toByteArray();
  }

  /**
   * A {@link RouteEvent} whose items were encoded by {@link #encodeItem}: the same bytes as
   * {@code encode(new RouteEvent(from, to, family, vrf, items, retracts))}.
   */
  public static void encodeEvent(Jid from, Jid to, Family family, String vrf, List<byte[]> encodedItems,
      List<String> retracts, XmlOutput out) {
    eventStart(out, from, to, NodeName.itemsNode(family, vrf));
    for (byte[] item : encodedItems) out.raw(item);
    for (String id : retracts) out.start("retract").attribute("id", id).end("retract");
    eventEnd(out);
  }

  private static void item(EventItem i, XmlOutput out) {
    out.start("item").attribute("id", i.id());
    EntryCodec.encode(i.entry(), out);
    out.end("item");
  }

  /** Decodes one stanza; {@code offset} is its stream offset, carried into errors (-1 if unknown). */
  public static DecodeResult decode(XmlElement stanza, long offset) {
    try {
      return switch (stanza.name()) {
        case "iq" -> decodeIq(stanza);
        case "message" -> decodeMessage(stanza);
        case "stream:error" -> decodeStreamError(stanza);
        default -> throw new Bad("unsupported stanza <" + stanza.name() + ">", stanza);
      };
    } catch (Bad b) {
      return new DecodeError(b.getMessage(), offset, excerpt(b.where));
    } catch (RuntimeException e) { // a record invariant: still a value, never an exception
      return new DecodeError(String.valueOf(e.getMessage()), offset, excerpt(stanza));
    }
  }

  private static XmppMessage decodeIq(XmlElement iq) {
    String type = iq.attribute("type");
    if (!"set".equals(type)) throw new Bad("iq type '" + type + "' is not supported, only 'set'", iq);
    Jid from = jid(iq, "from");
    Jid to = jid(iq, "to");
    String id = iq.attribute("id");
    XmlElement config = iq.child("config");
    if (config != null) return new ConfigUpdate(from, to, id, decodeConfig(config));
    XmlElement pubsub = Fields.required(iq, "pubsub");
    if (pubsub.children().size() != 1) throw new Bad("<pubsub> must hold exactly one action", pubsub);
    XmlElement action = pubsub.children().getFirst();
    String node = action.attribute("node");
    if (node == null || node.isEmpty()) throw new Bad("<" + action.name() + "> lacks node", action);
    return switch (action.name()) {
      case "subscribe" -> {
        XmlElement opts = action.child("options");
        yield new Subscribe(from, to, id, node,
            opts == null ? null : Fields.unsigned(opts, "instance-id"), opts == null ? null : Fields.bool(opts, "no-ribout"));
      }
      case "unsubscribe" -> new Unsubscribe(from, to, id, node);
      case "publish" -> {
        XmlElement item = action.child("item");
        if (item == null) yield new AgentEndOfRib(from, to, id);
        NodeName name = NodeName.parse(node);
        if (name == null) throw new Bad("publish node '" + node + "' is not afi/safi/vrf/id", action);
        XmlElement entry = Fields.required(item, "entry");
        yield new Publish(from, to, id, name.vrf(), EntryCodec.decode(entry, name.family()));
      }
      case "collection" -> {
        XmlElement assoc = action.child("associate");
        XmlElement dissoc = action.child("dissociate");
        if ((assoc == null) == (dissoc == null)) throw new Bad("<collection> needs one associate or dissociate", action);
        XmlElement a = assoc != null ? assoc : dissoc;
        String itemNode = a.attribute("node");
        if (itemNode == null || itemNode.isEmpty()) throw new Bad("<" + a.name() + "> lacks node", a);
        yield new Collection(from, to, id, node, itemNode,
            assoc != null ? CollectionAction.ASSOCIATE : CollectionAction.DISSOCIATE);
      }
      default -> throw new Bad("unsupported pubsub action <" + action.name() + ">", action);
    };
  }

  private static XmppMessage decodeMessage(XmlElement message) {
    Jid from = jid(message, "from");
    Jid to = jid(message, "to");
    XmlElement items = Fields.required(Fields.required(message, "event"), "items");
    String node = items.attribute("node");
    if (NodeName.END_OF_RIB.equals(node)) return new EndOfRib(from, to);
    String[] parts = node == null ? new String[0] : node.split("/", 3);
    Family family = null;
    if (parts.length == 3 && !parts[2].isEmpty()) {
      try {
        family = Family.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      } catch (NumberFormatException e) {
        family = null;
      }
    }
    if (family == null) throw new Bad("items node '" + node + "' is not afi/safi/vrf of a known family", items);
    List<EventItem> list = new ArrayList<>();
    List<String> retracts = new ArrayList<>();
    for (XmlElement c : items.children()) {
      String id = c.attribute("id");
      switch (c.name()) {
        case "item" -> {
          if (id == null) throw new Bad("<item> lacks id", c);
          list.add(new EventItem(id, EntryCodec.decode(Fields.required(c, "entry"), family)));
        }
        case "retract" -> {
          if (id == null) throw new Bad("<retract> lacks id", c);
          retracts.add(id);
        }
        default -> throw new Bad("unexpected <" + c.name() + "> in <items>", c);
      }
    }
    return new RouteEvent(from, to, family, parts[2], list, retracts);
  }

  private static void config(List<ConfigChange> changes, XmlOutput out) {
    out.start("config").attribute("xmlns", CONFIG_NS);
    ConfigOp groupOp = null;
    for (ConfigChange c : changes) {
      if (c.op() != groupOp) {
        if (groupOp != null) out.end(groupOp.xml());
        out.start(c.op().xml());
        groupOp = c.op();
      }
      out.start("resource").attribute("kind", c.kind()).attribute("name", c.name());
      if (c.json() != null) out.text(c.json());
      out.end("resource");
    }
    if (groupOp != null) out.end(groupOp.xml());
    out.end("config");
  }

  private static List<ConfigChange> decodeConfig(XmlElement config) {
    List<ConfigChange> out = new ArrayList<>();
    for (XmlElement group : config.children()) {
      ConfigOp op = ConfigOp.fromXml(group.name());
      if (op == null) throw new Bad("unexpected <" + group.name() + "> in <config>", group);
      for (XmlElement r : group.children("resource")) {
        String kind = r.attribute("kind");
        String name = r.attribute("name");
        if (kind == null || name == null) throw new Bad("<resource> needs kind and name", r);
        String json = r.text().strip();
        if (op != ConfigOp.DELETE && json.isEmpty()) throw new Bad("<resource> of <" + op.xml() + "> has no JSON", r);
        out.add(new ConfigChange(op, kind, name, op == ConfigOp.DELETE ? null : json));
      }
    }
    return out;
  }

  private static XmppMessage decodeStreamError(XmlElement e) {
    String condition = null;
    String text = null;
    for (XmlElement c : e.children()) {
      if (c.name().equals("text")) text = c.text();
      else if (condition == null) condition = c.name();
    }
    if (condition == null) throw new Bad("<stream:error> without a condition", e);
    return new StreamError(condition, text);
  }

  /** {@code <iq type="set" from to id><pubsub xmlns>}: the envelope of every agent → control pubsub request. */
  private static void iqStart(XmlOutput out, Jid from, Jid to, String id) {
    out.start("iq").attribute("type", "set").attribute("from", from).attribute("to", to).attribute("id", id)
        .start("pubsub").attribute("xmlns", PUBSUB_NS);
  }

  private static void iqEnd(XmlOutput out) {
    out.end("pubsub").end("iq");
  }

  /** {@code <message from to><event xmlns><items node>}: the envelope of control → agent routes. */
  private static void eventStart(XmlOutput out, Jid from, Jid to, String node) {
    out.start("message").attribute("from", from).attribute("to", to)
        .start("event").attribute("xmlns", PUBSUB_NS)
        .start("items").attribute("node", node);
  }

  private static void eventEnd(XmlOutput out) {
    out.end("items").end("event").end("message");
  }

  private static Jid jid(XmlElement e, String attribute) {
    String s = e.attribute(attribute);
    if (s == null) return null;
    Jid j = Jid.parse(s);
    if (j == null) throw new Bad("'" + attribute + "' is not a JID: " + s, e);
    return j;
  }

  private static String excerpt(XmlElement e) {
    if (e == null) return "";
    String s = XmlWriter.write(e);
    return s.length() <= 120 ? s : s.substring(0, 120) + "…";
  }
}
