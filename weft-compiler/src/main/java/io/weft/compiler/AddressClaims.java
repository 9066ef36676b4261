package io.weft.compiler;

import io.weft.model.Kind;
import io.weft.model.Metadata;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import io.weft.model.derived.AddressClaimSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Keys of {@link Kind#ADDRESS_CLAIM} records. A claim's name must be a valid resource name
 * and unique per (network, value): {@code ip.<len(project)>.<len(network)>.<project><network>.<address>}
 * (the lengths make the split unambiguous; IPv6 colons become dashes), or for fixed VNIs
 * {@code vni.<n>}. Names over the 253-character limit are replaced by a SHA-256.
 */
final class AddressClaims {
  private AddressClaims() {}

  static ResourceKey address(ResourceKey network, String address) {
    String name = "ip." + network.project().length() + "." + network.name().length() + "."
        + network.project() + network.name() + "." + address.replace(':', '-');
    return new ResourceKey(Kind.ADDRESS_CLAIM, null, name.length() <= 253 ? name : "ip.sha256." + sha256(name));
  }

  static ResourceKey vni(int vni) {
    return new ResourceKey(Kind.ADDRESS_CLAIM, null, "vni." + vni);
  }

  static Resource claim(ResourceKey key, String network, String value, ResourceKey owner) {
    return new Resource(Resource.API_VERSION, Kind.ADDRESS_CLAIM.kindName(), Metadata.of(null, key.name()),
        new AddressClaimSpec(network, value, owner.toString()), null);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
