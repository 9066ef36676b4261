package io.weft.bgp.peer;

import java.net.InetAddress;

/**
 * What a prefix is advertised with before {@link ExportPolicy}: next hop and interned
 * attributes. {@link AdjRibOut} interns these too, so a million prefixes reflected with one
 * path share one object.
 */
record OutPath(InetAddress nextHop, PathAttributes attributes) {}
