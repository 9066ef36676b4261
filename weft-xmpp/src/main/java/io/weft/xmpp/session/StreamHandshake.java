package io.weft.xmpp.session;

import io.weft.xmpp.Jid;
import io.weft.xmpp.stream.StreamEvent;
import io.weft.xmpp.stream.StreamFailed;
import io.weft.xmpp.stream.StreamHeader;
import io.weft.xmpp.stream.StreamOpened;
import io.weft.xmpp.stream.XmppStreamParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The stream open exchange (RFC 6120 §4.2–4.3), then hands over to the established channel.
 *
 * <pre>
 *  client (agent)                              server (control node)
 *  &lt;?xml?&gt;&lt;stream:stream from=host to=control&gt;  →
 *                                           ←  &lt;?xml?&gt;&lt;stream:stream from=control to=host id=…&gt;
 *                                           ←  &lt;stream:features/&gt;   (optional)
 * </pre>
 *
 * Runs on the caller's thread with the socket's read timeout as the deadline.
 */
final class StreamHandshake {
  /** The peer's header and whatever the same reads carried after it. */
  record Result(StreamHeader peer, List<StreamEvent> leftover) {}

  static final class Failed extends IOException {
    Failed(String message) {
      super(message);
    }
  }

  private StreamHandshake() {}

  static Result asClient(InputStream in, OutputStream out, XmppStreamParser parser, Jid local, Jid remote)
      throws IOException {
    write(out, StreamHeader.of(str(local), str(remote), null).encode());
    return readOpen(in, parser);
  }

  static Result asServer(InputStream in, OutputStream out, XmppStreamParser parser, Jid local, boolean features)
      throws IOException {
    Result r = readOpen(in, parser);
    String reply = StreamHeader.of(str(local), r.peer().from(), UUID.randomUUID().toString()).encode();
    write(out, features ? reply + "<stream:features/>" : reply);
    return r;
  }

  private static Result readOpen(InputStream in, XmppStreamParser parser) throws IOException {
    byte[] buf = new byte[4096];
    while (true) {
      int n = in.read(buf);
      if (n < 0) throw new Failed("connection closed before the stream header");
      List<StreamEvent> events = parser.feed(buf, 0, n);
      for (int i = 0; i < events.size(); i++) {
        StreamEvent e = events.get(i);
        if (e instanceof StreamFailed f) throw new Failed("bad stream header: " + f.error());
        if (e instanceof StreamOpened o) {
          return new Result(o.header(), new ArrayList<>(events.subList(i + 1, events.size())));
        }
      }
    }
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String str(Jid jid) {
    return jid == null ? null : jid.toString();
  }
}
