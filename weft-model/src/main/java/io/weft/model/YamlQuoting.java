package io.weft.model;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Quotes every string the YAML reader would otherwise take for a number, boolean or null
 * ({@code 1e5}, {@code 0x1f}, {@code 0123}, {@code no}), so names and labels read back as
 * the strings they are. Asks the same resolver Jackson's YAML parser uses.
 */
final class YamlQuoting extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;
  private final transient Resolver resolver = new Resolver();

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value) || !Tag.STR.equals(resolver.resolve(NodeId.scalar, value, true));
  }
}
