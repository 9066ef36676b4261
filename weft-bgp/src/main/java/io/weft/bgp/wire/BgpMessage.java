package io.weft.bgp.wire;

/** A BGP message body, RFC 4271 §4; the type octet is {@link #type()}. */
public sealed interface BgpMessage permits Open, Update, Keepalive, Notification, RouteRefresh {
  int OPEN = 1;
  int UPDATE = 2;
  int NOTIFICATION = 3;
  int KEEPALIVE = 4;
  /** RFC 2918. */
  int ROUTE_REFRESH = 5;

  int type();
}
