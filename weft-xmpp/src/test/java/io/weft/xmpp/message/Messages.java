package io.weft.xmpp.message;

import io.weft.xmpp.Jid;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every message type. */
public final class Messages {
  private Messages() {}

  /** Printable text with markup characters and non-ASCII; no leading/trailing space (leaf text is stripped). */
  static Arbitrary<String> text() {
    return Arbitraries.strings().withChars("abcXYZ019:-._<>&\"'é€中").ofMinLength(1).ofMaxLength(12);
  }

  static Arbitrary<String> name() {
    return Arbitraries.strings().withChars("abcdefxyz0123456789-.").ofMinLength(1).ofMaxLength(10);
  }

  static Arbitrary<Jid> jid() {
    return Combinators.combine(name().injectNull(0.5), name(), name().injectNull(0.5)).as(Jid::new);
  }

  static Arbitrary<String> vrf() {
    return name().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(":", l));
  }

  static Arbitrary<Long> u32() {
    return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
  }

  static Arbitrary<NextHop> nextHop() {
    return Combinators.combine(Arbitraries.of(1, 2), text(), text().injectNull(0.6), u32(), u32().injectNull(0.7),
            u32().injectNull(0.7), Arbitraries.of(Encapsulation.class).list().ofMaxSize(3), text().injectNull(0.5))
        .flatAs((af, addr, mac, label, vni, l3, encaps, vn) -> Combinators.combine(u32().list().ofMaxSize(3),
                u32().injectNull(0.7))
            .as((tags, seq) -> new NextHop(af, addr, mac, label, vni, l3, encaps, vn, tags, seq)));
  }

  static Arbitrary<Mobility> mobility() {
    return Combinators.combine(u32().injectNull(0.3), Arbitraries.of(true, false).injectNull(0.3))
        .as(Mobility::new).injectNull(0.5);
  }

  static Arbitrary<UnicastEntry> unicast() {
    Arbitrary<LoadBalance> lb = Combinators.combine(Arbitraries.of(LoadBalanceField.class).list().ofMaxSize(3),
        Arbitraries.of(LoadBalanceDecision.class).injectNull(0.3)).as(LoadBalance::new).injectNull(0.6);
    return Combinators.combine(Arbitraries.of(1, 2), text(), nextHop().list().ofMaxSize(2), u32().injectNull(0.5),
            text().injectNull(0.5), mobility(), u32().injectNull(0.7), u32().list().ofMaxSize(3))
        .flatAs((af, addr, hops, version, vn, mob, seq, sgs) -> Combinators.combine(text().list().ofMaxSize(2),
                u32().injectNull(0.5), u32().injectNull(0.5), lb, Arbitraries.of(SubProtocol.class).injectNull(0.5))
            .as((ctags, lp, med, l, sp) -> new UnicastEntry(new UnicastNlri(af, 1, addr), hops, version, vn, mob, seq,
                sgs, ctags, lp, med, l, sp)));
  }

  static Arbitrary<EvpnEntry> evpn() {
    Arbitrary<EvpnNlri> nlri = Combinators.combine(u32().injectNull(0.5), text(), text(), text().injectNull(0.7),
        text(), u32().injectNull(0.7)).as((tag, mac, addr, group, source, flags) ->
            new EvpnNlri(25, 242, tag, mac, addr, group, group == null ? null : source, flags));
    Arbitrary<Boolean> flag = Arbitraries.of(true, false).injectNull(0.6);
    return Combinators.combine(nlri, nextHop().list().ofMaxSize(2), nextHop().list().ofMaxSize(2),
            nextHop().list().ofMaxSize(1), text().injectNull(0.5), mobility(), u32().injectNull(0.7), u32().list().ofMaxSize(2))
        .flatAs((n, hops, olist, leaf, vn, mob, seq, sgs) -> Combinators.combine(u32().injectNull(0.5),
                u32().injectNull(0.5), flag, flag, text().injectNull(0.7), flag)
            .as((lp, med, ern, ars, rep, etree) -> new EvpnEntry(n, hops, olist, leaf, vn, mob, seq, sgs, lp, med, ern,
                ars, rep, etree)));
  }

  static Arbitrary<RouteEntry> entry() {
    return Arbitraries.oneOf(unicast(), evpn());
  }

  public static Arbitrary<XmppMessage> message() {
    Arbitrary<String> id = name().injectNull(0.1);
    Arbitrary<XmppMessage> subscribe = Combinators.combine(jid(), jid(), id, vrf(), u32().injectNull(0.3),
        Arbitraries.of(true, false).injectNull(0.7)).as(Subscribe::new);
    Arbitrary<XmppMessage> unsubscribe = Combinators.combine(jid(), jid(), id, vrf()).as(Unsubscribe::new);
    Arbitrary<XmppMessage> publish = Combinators.combine(jid(), jid(), id, vrf(), entry()).as(Publish::new);
    Arbitrary<XmppMessage> collection = Combinators.combine(jid(), jid(), id, vrf(), entry(),
        Arbitraries.of(CollectionAction.class)).as((f, t, i, v, e, a) ->
            new Collection(f, t, i, v, new NodeName(e.family(), v, e.itemId()).toString(), a));
    Arbitrary<XmppMessage> agentEor = Combinators.combine(jid(), jid(), id).as(AgentEndOfRib::new);
    Arbitrary<XmppMessage> event = Combinators.combine(jid(), jid(), Arbitraries.of(Family.class), vrf(),
            Arbitraries.integers().between(0, 3), text().list().ofMaxSize(3))
        .flatAs((f, t, fam, v, n, retracts) -> (fam == Family.EVPN ? evpn().map(e -> (RouteEntry) e)
                : unicast().map(u -> (RouteEntry) new UnicastEntry(new UnicastNlri(fam.afi(), 1, u.nlri().address()),
                    u.nextHops(), u.version(), u.virtualNetwork(), u.mobility(), u.sequenceNumber(),
                    u.securityGroups(), u.communityTags(), u.localPreference(), u.med(), u.loadBalance(), u.subProtocol())))
            .map(EventItem::of).list().ofSize(n)
            .map(items -> (XmppMessage) new RouteEvent(f, t, fam, v, items, retracts)));
    Arbitrary<XmppMessage> eor = Combinators.combine(jid(), jid()).as(EndOfRib::new);
    Arbitrary<ConfigChange> change = Combinators.combine(Arbitraries.of(ConfigOp.class), name(), text(), text())
        .as(ConfigChange::new);
    Arbitrary<XmppMessage> config = Combinators.combine(jid(), jid(), id, change.list().ofMaxSize(4))
        .as(ConfigUpdate::new);
    Arbitrary<XmppMessage> streamError = Combinators.combine(Arbitraries.of("not-well-formed", "policy-violation"),
        text().injectNull(0.5)).as(StreamError::new);
    return Arbitraries.oneOf(List.of(subscribe, unsubscribe, publish, collection, agentEor, event, eor, config,
        streamError));
  }
}
