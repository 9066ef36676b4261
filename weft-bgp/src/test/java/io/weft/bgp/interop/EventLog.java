package io.weft.bgp.interop;

import io.weft.bgp.peer.PeerEvent;
import io.weft.bgp.peer.Route;
import io.weft.bgp.wire.FamilyNlri;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects a speaker's events for assertions. */
final class EventLog implements Consumer<PeerEvent> {
  final List<PeerEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void accept(PeerEvent e) {
    events.add(e);
  }

  List<Route> received() {
    return events.stream().filter(PeerEvent.RoutesReceived.class::isInstance)
        .flatMap(e -> ((PeerEvent.RoutesReceived) e).routes().stream()).toList();
  }

  List<FamilyNlri> withdrawn() {
    return events.stream().filter(PeerEvent.RoutesWithdrawn.class::isInstance)
        .flatMap(e -> ((PeerEvent.RoutesWithdrawn) e).withdrawn().stream()).toList();
  }
}
