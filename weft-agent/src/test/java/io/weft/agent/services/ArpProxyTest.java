package io.weft.agent.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.agent.services.arp.ArpDecision;
import io.weft.agent.services.arp.ArpProxy;
import io.weft.agent.services.arp.ArpView;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArpProxyTest {
  record View(boolean floodUnknown) implements ArpView {
    public boolean isServiceAddress(String a) {
      return Set.of("10.1.1.1", "10.1.1.2").contains(a);
    }

    public String macOf(String a) {
      return Map.of("10.1.1.4", "02:00:00:00:00:04").get(a);
    }

    public boolean hasRoute(String a) {
      return a.equals("10.1.1.5");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "gateway,                    10.1.1.3, 10.1.1.1, false, false, proxy 00:00:5e:00:01:00",
      "DNS service address,        10.1.1.3, 10.1.1.2, false, false, proxy 00:00:5e:00:01:00",
      "local endpoint,             10.1.1.3, 10.1.1.4, false, false, proxy 02:00:00:00:00:04",
      "remote routed endpoint,     10.1.1.3, 10.1.1.5, false, false, proxy 00:00:5e:00:01:00",
      "unknown is not flooded,     10.1.1.3, 10.1.1.99, false, false, drop",
      "unknown flooded on request, 10.1.1.3, 10.1.1.99, true, false, flood",
      "gratuitous,                 10.1.1.3, 10.1.1.3, true, false, drop",
      "DAD probe,                  0.0.0.0, 10.1.1.4, false, false, drop",
      "no-arp-proxy port to known, 10.1.1.3, 10.1.1.4, false, true, drop",
      "no-arp-proxy port to gateway, 10.1.1.3, 10.1.1.1, false, true, proxy 00:00:5e:00:01:00"})
  void decides(String name, String sender, String target, boolean flood, boolean noArpProxy, String expected) {
    ArpDecision d = new ArpProxy().decide(new View(flood), sender, target, noArpProxy);
    String got = switch (d) {
      case ArpDecision.Proxy p -> "proxy " + p.mac();
      case ArpDecision.Flood f -> "flood";
      case ArpDecision.Drop x -> "drop";
    };
    assertThat(got).isEqualTo(expected);
  }
}
