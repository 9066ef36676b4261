package io.weft.xmpp.message;

import io.weft.xmpp.Jid;
import io.weft.xmpp.stream.XmlElement;
import io.weft.xmpp.stream.XmlWriter;
import java.nio.charset.StandardCharsets;
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
    return XmlWriter.write(toElement(message));
  }

  public static byte[] encodeBytes(XmppMessage message) {
    return encode(message).getBytes(StandardCharsets.UTF_8);
  }

  public static XmlElement toElement(XmppMessage message) {
    return switch (message) {
      case Subscribe s -> {
        XmlElement.Builder sub = XmlElement.builder("subscribe").attribute("node", s.node());
        if (s.instanceId() != null || s.noRibOut() != null) {
          sub.child(XmlElement.builder("options").leaf("instance-id", s.instanceId()).leaf("no-ribout", s.noRibOut()).build());
        }
        yield iq(s.from(), s.to(), s.id(), pubsub(sub.build()));
      }
      case Unsubscribe u -> iq(u.from(), u.to(), u.id(),
          pubsub(XmlElement.builder("unsubscribe").attribute("node", u.node()).build()));
      case Publish p -> iq(p.from(), p.to(), p.id(), pubsub(XmlElement.builder("publish")
          .attribute("node", p.node().toString())
          .child(XmlElement.builder("item").child(EntryCodec.encode(p.entry())).build()).build()));
      case Collection c -> iq(c.from(), c.to(), c.id(), pubsub(XmlElement.builder("collection")
          .attribute("node", c.vrf())
          .child(XmlElement.builder(c.action().xml()).attribute("node", c.itemNode()).build()).build()));
      case AgentEndOfRib e -> iq(e.from(), e.to(), e.id(),
          pubsub(XmlElement.builder("publish").attribute("node", NodeName.END_OF_RIB).build()));
      case RouteEvent r -> {
        XmlElement.Builder items = XmlElement.builder("items").attribute("node", NodeName.itemsNode(r.family(), r.vrf()));
        for (EventItem i : r.items()) {
          items.child(XmlElement.builder("item").attribute("id", i.id()).child(EntryCodec.encode(i.entry())).build());
        }
        for (String id : r.retracts()) items.child(XmlElement.builder("retract").attribute("id", id).build());
        yield event(r.from(), r.to(), items.build());
      }
      case EndOfRib e -> event(e.from(), e.to(), XmlElement.builder("items").attribute("node", NodeName.END_OF_RIB).build());
      case ConfigUpdate c -> iq(c.from(), c.to(), c.id(), config(c.changes()));
      case StreamError e -> {
        XmlElement.Builder b = XmlElement.builder("stream:error")
            .child(XmlElement.builder(e.condition()).attribute("xmlns", STREAMS_NS).build());
        if (e.text() != null) {
          b.child(XmlElement.builder("text").attribute("xmlns", STREAMS_NS).text(e.text()).build());
        }
        yield b.build();
      }
    };
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

  private static XmlElement config(List<ConfigChange> changes) {
    XmlElement.Builder config = XmlElement.builder("config").attribute("xmlns", CONFIG_NS);
    XmlElement.Builder group = null;
    ConfigOp groupOp = null;
    for (ConfigChange c : changes) {
      if (c.op() != groupOp) {
        if (group != null) config.child(group.build());
        group = XmlElement.builder(c.op().xml());
        groupOp = c.op();
      }
      XmlElement.Builder r = XmlElement.builder("resource").attribute("kind", c.kind()).attribute("name", c.name());
      if (c.json() != null) r.text(c.json());
      group.child(r.build());
    }
    if (group != null) config.child(group.build());
    return config.build();
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

  private static XmlElement iq(Jid from, Jid to, String id, XmlElement child) {
    return XmlElement.builder("iq").attribute("type", "set").attribute("from", from).attribute("to", to)
        .attribute("id", id).child(child).build();
  }

  private static XmlElement pubsub(XmlElement action) {
    return XmlElement.builder("pubsub").attribute("xmlns", PUBSUB_NS).child(action).build();
  }

  private static XmlElement event(Jid from, Jid to, XmlElement items) {
    return XmlElement.builder("message").attribute("from", from).attribute("to", to)
        .child(XmlElement.builder("event").attribute("xmlns", PUBSUB_NS).child(items).build()).build();
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
