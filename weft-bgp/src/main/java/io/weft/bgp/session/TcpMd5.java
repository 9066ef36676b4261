package io.weft.bgp.session;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * TCP MD5 signatures (RFC 2385) through Linux {@code setsockopt(fd, IPPROTO_TCP, TCP_MD5SIG,
 * struct tcp_md5sig)} with the Foreign Function & Memory API.
 *
 * <p>Java does not expose a socket's file descriptor, so {@link #socketFd} finds it: after
 * the channel is bound (and before it connects, or once it listens) it is the only socket
 * of this process whose {@code getsockname} is that address and whose state matches (no
 * peer yet, or SO_ACCEPTCONN). The key must be set before the SYN is sent (client) or
 * before the peer's SYN arrives (listener, where it is inherited by accepted sockets).
 *
 * <pre>
 * struct tcp_md5sig {                 // linux/tcp.h, 216 octets
 *   struct sockaddr_storage addr;     // 128: the peer (port ignored)
 *   u8 flags; u8 prefixlen; u16 keylen;
 *   int ifindex;
 *   u8 key[80];
 * };
 * </pre>
 */
public final class TcpMd5 {
  private TcpMd5() {}

  static final int IPPROTO_TCP = 6;
  static final int TCP_MD5SIG = 14;
  static final int SOL_SOCKET = 1;
  static final int SO_ACCEPTCONN = 30;
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int MAX_KEY = 80;
  static final int STRUCT_SIZE = 216;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final MemoryLayout ERRNO_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO = ERRNO_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final MethodHandle SETSOCKOPT = handle("setsockopt",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle GETSOCKOPT = handle("getsockopt",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
  private static final MethodHandle GETSOCKNAME = handle("getsockname",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
  private static final MethodHandle GETPEERNAME = handle("getpeername",
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

  private static MethodHandle handle(String name, FunctionDescriptor d) {
    SymbolLookup libc = LINKER.defaultLookup();
    return LINKER.downcallHandle(libc.find(name).orElseThrow(), d, Linker.Option.captureCallState("errno"));
  }

  /** Sets (or, with an empty key, removes) the MD5 key for {@code peer} on socket {@code fd}. */
  public static void setKey(int fd, boolean ipv6Socket, InetAddress peer, String key) throws IOException {
    byte[] k = key.getBytes(StandardCharsets.US_ASCII);
    if (k.length > MAX_KEY) throw new IllegalArgumentException("TCP MD5 key longer than 80 octets");
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment sig = arena.allocate(STRUCT_SIZE);
      writeSockaddr(sig, ipv6Socket, peer);
      sig.set(ValueLayout.JAVA_SHORT_UNALIGNED, 130, (short) k.length);
      MemorySegment.copy(k, 0, sig, ValueLayout.JAVA_BYTE, 136, k.length);
      MemorySegment state = arena.allocate(ERRNO_STATE);
      int rc = (int) SETSOCKOPT.invokeExact(state, fd, IPPROTO_TCP, TCP_MD5SIG, sig, STRUCT_SIZE);
      if (rc != 0) throw new IOException("setsockopt(TCP_MD5SIG) failed, errno " + (int) ERRNO.get(state, 0L));
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  /** A sockaddr for {@code a} in the socket's family (IPv4 peers of an IPv6 socket as ::ffff:a.b.c.d). */
  private static void writeSockaddr(MemorySegment s, boolean ipv6Socket, InetAddress a) {
    if (!ipv6Socket && a instanceof Inet4Address) {
      s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) AF_INET);
      MemorySegment.copy(a.getAddress(), 0, s, ValueLayout.JAVA_BYTE, 4, 4);
      return;
    }
    s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) AF_INET6);
    byte[] v6 = new byte[16];
    if (a instanceof Inet4Address) {
      v6[10] = (byte) 0xff;
      v6[11] = (byte) 0xff;
      System.arraycopy(a.getAddress(), 0, v6, 12, 4);
    } else {
      v6 = a.getAddress();
    }
    MemorySegment.copy(v6, 0, s, ValueLayout.JAVA_BYTE, 8, 16);
  }

  /** A socket of this process found by its bound address. */
  public record SocketFd(int fd, boolean ipv6) {}

  /**
   * Finds the descriptor of this process's socket bound to {@code local}: a listening one
   * when {@code listening}, else one that has no peer yet.
   */
  public static SocketFd socketFd(InetSocketAddress local, boolean listening) throws IOException {
    List<SocketFd> found = new ArrayList<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd")); Arena arena = Arena.ofConfined()) {
      MemorySegment addr = arena.allocate(128);
      MemorySegment len = arena.allocate(JAVA_INT);
      MemorySegment state = arena.allocate(ERRNO_STATE);
      for (Path p : fds.toList()) {
        int fd;
        try {
          fd = Integer.parseInt(p.getFileName().toString());
          if (!Files.readSymbolicLink(p).toString().startsWith("socket:")) continue;
        } catch (IOException | NumberFormatException e) {
          continue;
        }
        len.set(JAVA_INT, 0, 128);
        if ((int) GETSOCKNAME.invokeExact(state, fd, addr, len) != 0) continue;
        int family = addr.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0);
        int port = Short.toUnsignedInt(addr.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2));
        if (port != local.getPort()) continue;
        byte[] want = local.getAddress().getAddress();
        byte[] have;
        if (family == AF_INET) {
          have = addr.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE);
        } else if (family == AF_INET6) {
          have = addr.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE);
          if (want.length == 4 && isV4Mapped(have)) have = java.util.Arrays.copyOfRange(have, 12, 16);
        } else {
          continue;
        }
        if (!java.util.Arrays.equals(want, have)) continue;
        MemorySegment v = arena.allocate(JAVA_INT);
        len.set(JAVA_INT, 0, 4);
        int rc = (int) GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_ACCEPTCONN, v, len);
        boolean isListener = rc == 0 && v.get(JAVA_INT, 0) != 0;
        if (listening != isListener) continue;
        if (!listening) {
          len.set(JAVA_INT, 0, 128);
          if ((int) GETPEERNAME.invokeExact(state, fd, arena.allocate(128), len) == 0) continue; // already connected
        }
        found.add(new SocketFd(fd, family == AF_INET6));
      }
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
    if (found.size() != 1) throw new IOException("cannot identify the socket bound to " + local + ": " + found.size() + " match");
    return found.getFirst();
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }
}
