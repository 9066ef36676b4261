package io.weft.agent.dataplane;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A route-netlink socket (RFC 3549; linux/rtnetlink.h) through the Foreign Function &amp;
 * Memory API: the few link, address and route requests that attach a port to a pod, each
 * acknowledged by the kernel before the call returns. A socket talks to the network
 * namespace it was opened in, so one opened on a thread inside a pod (see {@link Netns})
 * configures that pod.
 *
 * <pre>
 * nlmsghdr   len:u32 type:u16 flags:u16 seq:u32 pid:u32          (16 bytes)
 * ifinfomsg  family:u8 pad:u8 type:u16 index:i32 flags:u32 change:u32 (16)
 * ifaddrmsg  family:u8 prefixlen:u8 flags:u8 scope:u8 index:u32  (8)
 * rtmsg      family dst_len src_len tos table protocol scope type:u8 flags:u32 (12)
 * rtattr     len:u16 type:u16 value, padded to 4
 * </pre>
 *
 * Not thread-safe: one socket per caller.
 */
final class Rtnetlink implements AutoCloseable {
  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW = 3;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int NETLINK_ROUTE = 0;
  private static final short RTM_NEWLINK = 16;
  private static final short RTM_DELLINK = 17;
  private static final short RTM_NEWADDR = 20;
  private static final short RTM_NEWROUTE = 24;
  private static final short NLMSG_ERROR = 2;
  private static final short NLM_F_REQUEST = 1;
  private static final short NLM_F_ACK = 4;
  private static final short NLM_F_REPLACE = 0x100;
  private static final short NLM_F_CREATE = 0x400;
  private static final short IFLA_ADDRESS = 1;
  private static final short IFLA_IFNAME = 3;
  private static final short IFLA_MTU = 4;
  private static final short IFLA_NET_NS_FD = 28;
  private static final short IFA_ADDRESS = 1;
  private static final short IFA_LOCAL = 2;
  private static final short RTA_DST = 1;
  private static final short RTA_OIF = 4;
  private static final short RTA_GATEWAY = 5;
  private static final int IFF_UP = 1;
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int RT_TABLE_MAIN = 254;
  private static final int RTPROT_BOOT = 3;
  private static final int RTN_UNICAST = 1;
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;
  static final int ENODEV = 19;
  static final int EEXIST = 17;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO = CAPTURE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option ERRNO_OPT = Linker.Option.captureCallState("errno");
  private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle SEND = handle("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle RECV = handle("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("close"),
      FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle IF_NAMETOINDEX = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("if_nametoindex"),
      FunctionDescriptor.of(JAVA_INT, ADDRESS));

  /** A request the kernel refused: {@code errno} as the kernel gave it. */
  static final class Error extends IOException {
    final int errno;

    Error(String what, int errno) {
      super(what + ": errno " + errno);
      this.errno = errno;
    }
  }

  private final Arena arena = Arena.ofConfined();
  private final MemorySegment state = arena.allocate(CAPTURE);
  private final MemorySegment buf = arena.allocate(8192);
  private final int fd;
  private int seq;

  private static MethodHandle handle(String name, FunctionDescriptor d) {
    return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), d, ERRNO_OPT);
  }

  /** Opens a socket in the calling thread's network namespace. */
  Rtnetlink() throws IOException {
    try {
      fd = (int) SOCKET.invokeExact(state, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    } catch (Throwable t) {
      arena.close();
      throw new IOException("netlink socket: " + t, t);
    }
    if (fd < 0) {
      int e = errno();
      arena.close();
      throw new Error("netlink socket", e);
    }
  }

  private int errno() {
    return (int) ERRNO.get(state, 0L);
  }

  /** The interface index of {@code name} in this thread's namespace, 0 when there is none. */
  static int indexOf(String name) {
    try (Arena a = Arena.ofConfined()) {
      return (int) IF_NAMETOINDEX.invokeExact(a.allocateFrom(name));
    } catch (Throwable t) {
      return 0;
    }
  }

  /**
   * One RTM_NEWLINK on device {@code index}: into the namespace at {@code netnsPath} under
   * the name {@code newName} (the kernel moves and renames in one step), with {@code mac},
   * {@code mtu} and up. Null or 0 leaves a field as it is.
   */
  void setLink(int index, String netnsPath, String newName, byte[] mac, int mtu, boolean up) throws IOException {
    int nsFd = -1;
    if (netnsPath != null) {
      try (Arena a = Arena.ofConfined()) {
        nsFd = (int) OPEN.invokeExact(state, a.allocateFrom(netnsPath), O_RDONLY | O_CLOEXEC);
      } catch (Throwable t) {
        throw new IOException("open " + netnsPath + ": " + t, t);
      }
      if (nsFd < 0) throw new Error("open " + netnsPath, errno());
    }
    try {
      ByteBuffer m = message(RTM_NEWLINK, 0);
      m.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(up ? IFF_UP : 0).putInt(up ? IFF_UP : 0);
      if (nsFd >= 0) attr(m, IFLA_NET_NS_FD, intBytes(nsFd));
      if (newName != null) attr(m, IFLA_IFNAME, cString(newName));
      if (mac != null) attr(m, IFLA_ADDRESS, mac);
      if (mtu > 0) attr(m, IFLA_MTU, intBytes(mtu));
      transact(m, "link " + index + (newName == null ? "" : " -> " + newName));
    } finally {
      if (nsFd >= 0) {
        try {
          int ignored = (int) CLOSE.invokeExact(nsFd);
        } catch (Throwable t) {
          // nothing left to do
        }
      }
    }
  }

  void deleteLink(int index) throws IOException {
    ByteBuffer m = message(RTM_DELLINK, 0);
    m.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(0).putInt(0);
    transact(m, "delete link " + index);
  }

  /** Adds (or keeps) {@code address/prefixLength} on device {@code index}. */
  void addAddress(int index, InetAddress address, int prefixLength) throws IOException {
    ByteBuffer m = message(RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE);
    m.put((byte) family(address)).put((byte) prefixLength).put((byte) 0).put((byte) 0).putInt(index);
    attr(m, IFA_LOCAL, address.getAddress());
    attr(m, IFA_ADDRESS, address.getAddress());
    transact(m, "address " + address.getHostAddress() + "/" + prefixLength);
  }

  /** Sets the default route (0/0 or ::/0) via {@code gateway} on device {@code index}. */
  void setDefaultRoute(int index, InetAddress gateway) throws IOException {
    ByteBuffer m = message(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE);
    m.put((byte) family(gateway)).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) RT_TABLE_MAIN).put((byte) RTPROT_BOOT)
        .put((byte) 0).put((byte) RTN_UNICAST).putInt(0);
    attr(m, RTA_GATEWAY, gateway.getAddress());
    attr(m, RTA_OIF, intBytes(index));
    transact(m, "default route via " + gateway.getHostAddress());
  }

  private static int family(InetAddress a) {
    return a instanceof Inet4Address ? AF_INET : AF_INET6;
  }

  private ByteBuffer message(short type, int flags) {
    ByteBuffer m = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
    m.putInt(0).putShort(type).putShort((short) (NLM_F_REQUEST | NLM_F_ACK | flags)).putInt(++seq).putInt(0);
    return m;
  }

  private static void attr(ByteBuffer m, short type, byte[] value) {
    m.putShort((short) (4 + value.length)).putShort(type).put(value);
    while (m.position() % 4 != 0) m.put((byte) 0);
  }

  private static byte[] intBytes(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
  }

  private static byte[] cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[b.length + 1];
    System.arraycopy(b, 0, out, 0, b.length);
    return out;
  }

  /** Sends the request and waits for its acknowledgement (an NLMSG_ERROR with error 0). */
  private void transact(ByteBuffer m, String what) throws IOException {
    int len = m.position();
    m.putInt(0, len);
    buf.asSlice(0, len).copyFrom(MemorySegment.ofArray(m.array()).asSlice(0, len));
    try {
      long n = (long) SEND.invokeExact(state, fd, buf, (long) len, 0);
      if (n < 0) throw new Error("send " + what, errno());
      int want = seq;
      while (true) {
        long r = (long) RECV.invokeExact(state, fd, buf, buf.byteSize(), 0);
        if (r < 0) {
          int e = errno();
          if (e == 4) continue; // EINTR
          throw new Error("recv " + what, e);
        }
        ByteBuffer in = buf.asSlice(0, r).asByteBuffer().order(ByteOrder.nativeOrder());
        while (in.remaining() >= 16) {
          int start = in.position();
          int mlen = in.getInt(start);
          short type = in.getShort(start + 4);
          int mseq = in.getInt(start + 8);
          if (mlen < 16 || start + mlen > in.limit()) break;
          if (type == NLMSG_ERROR && mseq == want) {
            int err = in.getInt(start + 16);
            if (err == 0) return;
            throw new Error(what, -err);
          }
          in.position(start + ((mlen + 3) & ~3));
        }
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(what + ": " + t, t);
    }
  }

  @Override
  public void close() {
    try {
      int ignored = (int) CLOSE.invokeExact(fd);
    } catch (Throwable t) {
      // closing a socket does not fail in a way we can act on
    }
    arena.close();
  }
}
