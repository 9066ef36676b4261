package io.weft.agent.dataplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.agent.oper.LocalPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ports the port API announced, one JSON file each under a state directory, as the
 * original agent keeps {@code /var/lib/contrail/ports}: a restarted agent re-attaches them
 * without the CNI plugin running ADD again. Only what the port API said is kept; the
 * config comes back from the control node.
 */
final class PortStore {
  private static final Logger LOG = LoggerFactory.getLogger(PortStore.class);
  private final Path dir;
  private final ObjectMapper json = new ObjectMapper();

  PortStore(Path dir) {
    this.dir = dir;
  }

  void save(LocalPort p) {
    ObjectNode o = json.createObjectNode().put("vmi-uuid", p.uuid()).put("vm-uuid", p.vmUuid()).put("vm-name", p.vmName())
        .put("host-ifname", p.hostIfName()).put("vm-ifname", p.vmIfName()).put("vm-namespace", p.vmNamespace());
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(p.uuid() + ".tmp");
      Files.writeString(tmp, o.toString());
      Files.move(tmp, dir.resolve(p.uuid() + ".json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.warn("cannot record port {} under {}: {}", p.uuid(), dir, e.getMessage());
    }
  }

  void remove(String uuid) {
    try {
      Files.deleteIfExists(dir.resolve(uuid + ".json"));
    } catch (IOException e) {
      LOG.warn("cannot forget port {}: {}", uuid, e.getMessage());
    }
  }

  List<LocalPort> load() {
    List<LocalPort> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        try {
          var n = json.readTree(f.toFile());
          out.add(new LocalPort(n.path("vmi-uuid").asText(), text(n, "vm-uuid"), text(n, "vm-name"), n.path("host-ifname").asText(),
              text(n, "vm-ifname"), text(n, "vm-namespace"), null, null, null, 0));
        } catch (IOException e) {
          LOG.warn("skipping unreadable port record {}: {}", f, e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list {}: {}", dir, e.getMessage());
    }
    return out;
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
    var v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
