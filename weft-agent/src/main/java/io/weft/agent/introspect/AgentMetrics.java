package io.weft.agent.introspect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Session state per control node, for /metrics and introspect. Concurrent map. */
public final class AgentMetrics {
  private final Map<Integer, Boolean> sessions = new ConcurrentHashMap<>();

  public void sessionUp(int index) {
    sessions.put(index, true);
  }

  public void sessionDown(int index) {
    sessions.put(index, false);
  }

  public Map<Integer, Boolean> sessions() {
    return Map.copyOf(sessions);
  }
}
