package io.weft.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.config.admission.Admission;
import io.weft.config.admission.AdmissionException;
import io.weft.config.store.Entry;
import io.weft.config.store.Store;
import io.weft.config.store.Write;
import io.weft.model.Cidr;
import io.weft.model.IpAddresses;
import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import io.weft.model.ResourceKey;
import io.weft.model.spec.InstanceIpSpec;
import io.weft.model.spec.IpFamily;
import io.weft.model.spec.Subnet;
import io.weft.model.spec.VirtualMachineInterfaceSpec;
import io.weft.model.spec.VirtualNetworkSpec;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Address management at admission time (the config API's {@link Admission} hook): a port
 * (VirtualMachineInterface) gets its fixed addresses, or one address per address family of
 * its network's subnets, lowest free first, from the allocation pools (or the whole subnet),
 * never the network, broadcast, gateway or DNS service address. The choice is recorded in the
 * port's {@code status} ({@value #STATUS_ADDRESSES}, {@value #STATUS_MAC}) and claimed by an
 * {@link Kind#ADDRESS_CLAIM} key created in the same commit, so the store, not this class,
 * guarantees no address is given twice; a lost race is retried by the API. InstanceIps are
 * handled the same way ({@code status.address}). Fixed VNIs of networks are claimed likewise.
 *
 * <p>Thread-safe: the shared state is {@link #networks} (a cache of parsed network specs,
 * keyed by revision) and {@link #hints}, a per-network set of addresses
 * known to be taken or being taken, so concurrent creates pick different addresses instead
 * of racing for the lowest one. It is only a hint: a miss costs one store read, a stale entry
 * is re-checked before a subnet is declared full. The hint of a network created through this
 * allocator is complete ({@link #complete}): every claim on it was made here, so an address
 * not in it is taken as free without the read; should that be wrong (a delete that failed
 * after its addresses left the hint), the claim's create fails in the store, the decision is
 * abandoned, the network loses its completeness and the API's retry reads the store again.
 */
public final class AddressAllocator implements Admission {
  public static final String STATUS_ADDRESSES = "addresses";
  public static final String STATUS_MAC = "macAddress";
  static final String STATUS_ADDRESS = "address";

  private final ResourceCodec codec;
  private final ConcurrentHashMap<ResourceKey, Set<String>> hints = new ConcurrentHashMap<>();
  /** Networks whose hint holds every claim on them: created through this allocator, nothing abandoned since. */
  private final Set<ResourceKey> complete = ConcurrentHashMap.newKeySet();
  /** Parsed network specs by key, tagged with the revision they were parsed from; a cache only. */
  private final ConcurrentHashMap<ResourceKey, ParsedNetwork> networks = new ConcurrentHashMap<>();
  private static final int MAX_PARSED_NETWORKS = 65_536;

  private record ParsedNetwork(long modRevision, VirtualNetworkSpec spec) {}

  public AddressAllocator(ResourceCodec codec) {
    this.codec = codec;
  }

  public AddressAllocator() {
    this(new ResourceCodec());
  }

  @Override
  public Decision admit(Resource incoming, Optional<Resource> stored, Store store) {
    Kind kind = incoming.kindEnum();
    if (kind.derived() || kind.internal()) {
      throw AdmissionException.invalid("kind", kind.kindName() + " is written by the compiler; users can read it but not write it");
    }
    return switch (kind) {
      case VIRTUAL_MACHINE_INTERFACE -> admitPort(incoming, stored, store);
      case INSTANCE_IP -> admitInstanceIp(incoming, stored, store);
      case VIRTUAL_NETWORK -> admitNetwork(incoming, stored, store);
      default -> Decision.unchanged(incoming);
    };
  }

  @Override
  public List<Write> released(Resource deleted, Store store) {
    Kind kind = deleted.kindEnum();
    if (kind.derived() || kind.internal()) {
      throw AdmissionException.invalid("kind", kind.kindName() + " is written by the compiler; users can read it but not delete it");
    }
    List<Write> out = new ArrayList<>();
    switch (kind) {
      case VIRTUAL_MACHINE_INTERFACE, INSTANCE_IP -> {
        ResourceKey vn = networkOf(deleted);
        for (String a : heldAddresses(deleted)) {
          ResourceKey claim = AddressClaims.address(vn, a);
          // An InstanceIp naming an address its port already holds claimed nothing of its own.
          if (!ownerOf(store, claim).equals(deleted.key().toString())) continue;
          out.add(new Write.Delete(claim, 0));
          Set<String> hint = hints.get(vn);
          if (hint != null) hint.remove(a);
        }
      }
      case VIRTUAL_NETWORK -> {
        Integer vni = ((VirtualNetworkSpec) deleted.spec()).vni();
        if (vni != null && ownsVni(store, vni, deleted.key())) out.add(new Write.Delete(AddressClaims.vni(vni), 0));
        complete.remove(deleted.key());
        hints.remove(deleted.key());
      }
      default -> { }
    }
    return out;
  }

  /** Forgets the hints of an abandoned decision (its commit failed), so its addresses are probed again. */
  @Override
  public void abandoned(Decision decision) {
    for (Write w : decision.extraWrites()) {
      if (!(w instanceof Write.Create c) || c.key().kind() != Kind.ADDRESS_CLAIM) continue;
      Resource claim = codec.parseJson(c.value());
      var spec = (io.weft.model.derived.AddressClaimSpec) claim.spec();
      int slash = spec.network() == null ? -1 : spec.network().indexOf('/');
      if (slash < 0) continue;
      ResourceKey vn = new ResourceKey(Kind.VIRTUAL_NETWORK, spec.network().substring(0, slash), spec.network().substring(slash + 1));
      complete.remove(vn); // its claim may have failed because the hint missed one: read the store again
      Set<String> hint = hints.get(vn);
      if (hint != null) hint.remove(spec.address());
    }
  }

  private Decision admitPort(Resource port, Optional<Resource> stored, Store store) {
    VirtualMachineInterfaceSpec spec = (VirtualMachineInterfaceSpec) port.spec();
    ResourceKey vn = networkOf(port);
    List<String> previous = stored.map(AddressAllocator::heldAddresses).orElse(List.of());
    ResourceKey previousVn = stored.map(AddressAllocator::networkOf).orElse(null);
    VirtualMachineInterfaceSpec previousSpec = stored.map(r -> (VirtualMachineInterfaceSpec) r.spec()).orElse(null);
    String mac = spec.mac() != null ? spec.mac()
        : stored.map(r -> r.status() == null ? null : r.status().path(STATUS_MAC).asText(null))
            .orElseGet(() -> Macs.forUid(port.metadata().uid() != null ? port.metadata().uid() : port.key().toString()));

    List<String> addresses;
    List<Write> writes = new ArrayList<>();
    if (previousSpec != null && vn.equals(previousVn) && spec.fixedIps().equals(previousSpec.fixedIps()) && !previous.isEmpty()) {
      addresses = previous;
    } else {
      List<Subnet> subnets = subnets(vn, store);
      Set<String> keep = vn.equals(previousVn) ? new LinkedHashSet<>(previous) : Set.of();
      addresses = new ArrayList<>();
      if (!spec.fixedIps().isEmpty()) {
        for (int i = 0; i < spec.fixedIps().size(); i++) {
          String a = canonical(spec.fixedIps().get(i));
          addresses.add(a);
          if (!keep.contains(a)) writes.add(claimFixed(vn, subnets, a, port.key(), "spec.fixedIps[" + i + "]", store));
        }
      } else {
        for (IpFamily family : families(subnets)) {
          String kept = keep.stream().filter(a -> isV6(a) == (family == IpFamily.V6)).findFirst().orElse(null);
          if (kept != null) {
            addresses.add(kept);
          } else {
            String a = allocate(vn, subnets, family, store);
            addresses.add(a);
            writes.add(claimWrite(vn, a, port.key()));
          }
        }
      }
      for (String old : previous) {
        if (!vn.equals(previousVn) || !addresses.contains(old)) {
          ResourceKey claim = AddressClaims.address(previousVn, old);
          if (ownerOf(store, claim).equals(port.key().toString())) writes.add(new Write.Delete(claim, 0));
        }
      }
    }
    ObjectNode status = port.status() != null ? port.status().deepCopy() : codec.json().createObjectNode();
    status.put(STATUS_MAC, mac);
    ArrayNode list = status.putArray(STATUS_ADDRESSES);
    addresses.forEach(list::add);
    return new Decision(port.withStatus(status), writes);
  }

  private Decision admitInstanceIp(Resource iip, Optional<Resource> stored, Store store) {
    InstanceIpSpec spec = (InstanceIpSpec) iip.spec();
    ResourceKey vn = networkOf(iip);
    List<String> previous = stored.map(AddressAllocator::heldAddresses).orElse(List.of());
    if (stored.isPresent() && vn.equals(networkOf(stored.get())) && !previous.isEmpty()
        && (spec.address() == null || canonical(spec.address()).equals(previous.getFirst()))) {
      return new Decision(iip.withStatus(stored.get().status()), List.of());
    }
    List<Subnet> subnets = subnets(vn, store);
    List<Write> writes = new ArrayList<>();
    String a;
    if (spec.address() != null) {
      a = canonical(spec.address());
      ResourceKey port = spec.port() == null ? null : Refs.resolve(Kind.VIRTUAL_MACHINE_INTERFACE, iip.metadata().project(), spec.port());
      ResourceKey claim = AddressClaims.address(vn, a);
      // The port's own fixed address, named again by an InstanceIp of that port: nothing new to claim.
      if (port == null || !ownerOf(store, claim).equals(port.toString())) writes.add(claimFixed(vn, subnets, a, iip.key(), "spec.address", store));
    } else {
      a = allocate(vn, subnets, spec.family(), store);
      writes.add(claimWrite(vn, a, iip.key()));
    }
    if (stored.isPresent()) {
      ResourceKey oldVn = networkOf(stored.get());
      for (String old : previous) {
        ResourceKey claim = AddressClaims.address(oldVn, old);
        if (ownerOf(store, claim).equals(iip.key().toString())) writes.add(new Write.Delete(claim, 0));
      }
    }
    ObjectNode status = codec.json().createObjectNode();
    status.put(STATUS_ADDRESS, a);
    return new Decision(iip.withStatus(status), writes);
  }

  /** A fixed VNI is claimed, so two networks cannot both fix it; automatic ones are the compiler's. */
  private Decision admitNetwork(Resource vn, Optional<Resource> stored, Store store) {
    Integer vni = ((VirtualNetworkSpec) vn.spec()).vni();
    Integer before = stored.map(r -> ((VirtualNetworkSpec) r.spec()).vni()).orElse(null);
    if (java.util.Objects.equals(vni, before)) return Decision.unchanged(vn);
    List<Write> writes = new ArrayList<>();
    if (vni != null) {
      ResourceKey claim = AddressClaims.vni(vni);
      Optional<Entry> taken = store.get(claim);
      if (taken.isPresent()) {
        Resource holder = codec.parseJson(taken.get().value());
        throw AdmissionException.conflict("spec.vni", "vni " + vni + " is already used by "
            + ((io.weft.model.derived.AddressClaimSpec) holder.spec()).owner());
      }
      writes.add(new Write.Create(claim, codec.toJson(AddressClaims.claim(claim, null, Integer.toString(vni), vn.key())), Set.of()));
    }
    if (before != null && ownsVni(store, before, vn.key())) writes.add(new Write.Delete(AddressClaims.vni(before), 0));
    return new Decision(vn, writes);
  }

  /** The owner ({@code Kind/project/name}) of a claim, or "" when unclaimed. */
  private String ownerOf(Store store, ResourceKey claim) {
    return store.get(claim)
        .map(e -> ((io.weft.model.derived.AddressClaimSpec) codec.parseJson(e.value()).spec()).owner())
        .orElse("");
  }

  private boolean ownsVni(Store store, int vni, ResourceKey owner) {
    return store.get(AddressClaims.vni(vni))
        .map(e -> ((io.weft.model.derived.AddressClaimSpec) codec.parseJson(e.value()).spec()).owner().equals(owner.toString()))
        .orElse(false);
  }

  private Write claimFixed(ResourceKey vn, List<Subnet> subnets, String a, ResourceKey owner, String field, Store store) {
    InetAddress addr = IpAddresses.parse(a);
    Subnet subnet = subnets.stream().filter(s -> cidr(s) != null && cidr(s).contains(addr)).findFirst().orElse(null);
    if (subnet == null) {
      throw AdmissionException.invalid(field, "'" + a + "' is in no subnet of network " + Refs.qualified(vn));
    }
    if (addr.equals(subnet.gatewayAddress()) || addr.equals(subnet.dnsServerAddress())) {
      throw AdmissionException.conflict(field, "'" + a + "' is the " + (addr.equals(subnet.gatewayAddress()) ? "gateway" : "DNS service")
          + " address of " + subnet.cidr() + " in network " + Refs.qualified(vn));
    }
    Optional<Entry> taken = store.get(AddressClaims.address(vn, a));
    if (taken.isPresent()) {
      String holder = ((io.weft.model.derived.AddressClaimSpec) codec.parseJson(taken.get().value()).spec()).owner();
      throw AdmissionException.conflict(field, "address " + a + " in network " + Refs.qualified(vn) + " is already taken by " + holder);
    }
    hint(vn).add(a);
    return claimWrite(vn, a, owner);
  }

  private Write claimWrite(ResourceKey vn, String address, ResourceKey owner) {
    ResourceKey key = AddressClaims.address(vn, address);
    return new Write.Create(key, codec.toJson(AddressClaims.claim(key, Refs.qualified(vn), address, owner)), Set.of());
  }

  /** The lowest free address of {@code family} in the network's subnets, reserved in the hint. */
  private String allocate(ResourceKey vn, List<Subnet> subnets, IpFamily family, Store store) {
    Set<String> hint = hint(vn);
    for (boolean trustHint : new boolean[] {true, false}) {
      for (Subnet s : subnets) {
        Cidr c = cidr(s);
        if (c == null || c.isIpv6() != (family == IpFamily.V6)) continue;
        for (BigInteger[] range : ranges(s, c)) {
          for (BigInteger i = range[0]; i.compareTo(range[1]) <= 0; i = i.add(BigInteger.ONE)) {
            InetAddress addr = toAddress(i, c);
            if (addr.equals(s.gatewayAddress()) || addr.equals(s.dnsServerAddress())) continue;
            String a = addr.getHostAddress();
            if (trustHint && hint.contains(a)) continue;
            if (trustHint && complete.contains(vn)) {
              if (hint.add(a)) return a;
              continue;
            }
            if (store.get(AddressClaims.address(vn, a)).isPresent()) {
              hint.add(a);
              continue;
            }
            if (hint.add(a) || !trustHint) return a;
          }
        }
      }
    }
    List<String> cidrs = subnets.stream().filter(s -> cidr(s) != null && cidr(s).isIpv6() == (family == IpFamily.V6)).map(Subnet::cidr).toList();
    throw AdmissionException.conflict("spec.network", cidrs.isEmpty()
        ? "network " + Refs.qualified(vn) + " has no " + (family == IpFamily.V6 ? "IPv6" : "IPv4") + " subnet to allocate an address from"
        : "network " + Refs.qualified(vn) + " has no free address: every address of " + String.join(", ", cidrs)
            + " (allocation pools, less gateway and DNS service addresses) is allocated");
  }

  /** Inclusive index ranges to allocate from: the pools, else every host address of the subnet. */
  private static List<BigInteger[]> ranges(Subnet s, Cidr c) {
    List<BigInteger[]> out = new ArrayList<>();
    BigInteger base = IpAddresses.toBigInteger(c.network());
    if (!s.allocationPools().isEmpty()) {
      for (Subnet.AllocationPool p : s.allocationPools()) {
        if (p == null) continue;
        out.add(new BigInteger[] {
            IpAddresses.toBigInteger(IpAddresses.parse(p.start())).subtract(base),
            IpAddresses.toBigInteger(IpAddresses.parse(p.end())).subtract(base)});
      }
      return out;
    }
    BigInteger last = c.size().subtract(BigInteger.ONE);
    // IPv4 keeps its broadcast address; the network address is never a host.
    out.add(new BigInteger[] {BigInteger.ONE, c.isIpv6() ? last : last.subtract(BigInteger.ONE)});
    return out;
  }

  private static InetAddress toAddress(BigInteger offset, Cidr c) {
    return c.addressAt(offset);
  }

  private Set<String> hint(ResourceKey vn) {
    return hints.computeIfAbsent(vn, k -> ConcurrentHashMap.newKeySet());
  }

  private List<Subnet> subnets(ResourceKey vn, Store store) {
    Entry e = store.get(vn).orElseThrow(() -> AdmissionException.invalid("spec.network", "network " + Refs.qualified(vn) + " does not exist"));
    VirtualNetworkSpec spec = networkSpec(e);
    if (!spec.subnets().isEmpty() || spec.ipam() == null) return spec.subnets();
    return store.get(Refs.resolve(Kind.NETWORK_IPAM, vn.project(), spec.ipam()))
        .map(i -> ((io.weft.model.spec.NetworkIpamSpec) codec.parseJson(i.value()).spec()).subnets())
        .orElse(List.of());
  }

  /**
   * The network's spec, parsed once per stored revision: every port create on a network reads
   * it, and parsing (with validation) costs more than the read.
   */
  private VirtualNetworkSpec networkSpec(Entry e) {
    ParsedNetwork cached = networks.get(e.key());
    if (cached != null && cached.modRevision() == e.modRevision()) return cached.spec();
    VirtualNetworkSpec spec = (VirtualNetworkSpec) codec.parseJson(e.value()).spec();
    remember(e.key(), e.modRevision(), spec);
    return spec;
  }

  private void remember(ResourceKey network, long modRevision, VirtualNetworkSpec spec) {
    if (networks.size() >= MAX_PARSED_NETWORKS) networks.clear();
    networks.put(network, new ParsedNetwork(modRevision, spec));
  }

  /** A network just written through the API is parsed already: keep its spec for the ports that follow. */
  @Override
  public void committed(Decision decision, Entry stored) {
    if (!(decision.resource().spec() instanceof VirtualNetworkSpec spec)) return;
    remember(stored.key(), stored.modRevision(), spec);
    // Created here: no claim on it can predate this allocator's hint.
    if (stored.createRevision() == stored.modRevision()) complete.add(stored.key());
  }

  private static List<IpFamily> families(List<Subnet> subnets) {
    Set<IpFamily> fams = new LinkedHashSet<>();
    for (Subnet s : subnets) {
      Cidr c = cidr(s);
      if (c != null) fams.add(c.isIpv6() ? IpFamily.V6 : IpFamily.V4);
    }
    if (fams.isEmpty()) return List.of(); // an l2-only network without subnets: no address
    return fams.contains(IpFamily.V4) && fams.contains(IpFamily.V6) ? List.of(IpFamily.V4, IpFamily.V6) : List.copyOf(fams);
  }

  private static Cidr cidr(Subnet s) {
    try {
      return s.parsedCidr();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static ResourceKey networkOf(Resource r) {
    String written = r.spec() instanceof VirtualMachineInterfaceSpec p ? p.network() : ((InstanceIpSpec) r.spec()).network();
    return Refs.resolve(Kind.VIRTUAL_NETWORK, r.metadata().project(), written);
  }

  /** The addresses a port or InstanceIp holds, from its status. */
  static List<String> heldAddresses(Resource r) {
    if (r.status() == null) return List.of();
    List<String> out = new ArrayList<>();
    JsonNode list = r.status().get(STATUS_ADDRESSES);
    if (list != null) for (JsonNode a : list) out.add(a.asText());
    JsonNode one = r.status().get(STATUS_ADDRESS);
    if (one != null && one.isTextual()) out.add(one.asText());
    return out;
  }

  private static String canonical(String address) {
    return IpAddresses.parse(address).getHostAddress();
  }

  private static boolean isV6(String address) {
    return address.indexOf(':') >= 0;
  }
}
