package io.weft.cni;

import java.util.LinkedHashMap;
import java.util.Map;

/** A CNI error (spec 1.0 "Error"): printed as {@code {cniVersion, code, msg, details}}, exit status 1. */
final class CniError extends Exception {
  static final int INCOMPATIBLE_VERSION = 1;
  static final int UNSUPPORTED_FIELD = 2;
  static final int UNKNOWN_CONTAINER = 3;
  static final int INVALID_ENVIRONMENT = 4;
  static final int IO_FAILURE = 5;
  static final int DECODE_FAILURE = 6;
  static final int INVALID_NETCONF = 7;
  static final int TRY_AGAIN_LATER = 11;
  /** Plugin-specific: the agent refused or does not know the port. */
  static final int AGENT_REFUSED = 100;

  final int code;
  final String details;

  CniError(int code, String msg, String details) {
    super(msg);
    this.code = code;
    this.details = details;
  }

  String toJson(String cniVersion) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cniVersion", cniVersion);
    m.put("code", code);
    m.put("msg", getMessage());
    if (details != null) m.put("details", details);
    return Json.write(m);
  }
}
