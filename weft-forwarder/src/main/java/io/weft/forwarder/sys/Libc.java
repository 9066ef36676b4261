package io.weft.forwarder.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls the forwarder needs, through the Foreign Function & Memory API (no
 * JNI). Each call returns the raw result; on -1 it throws an IOException carrying errno's
 * name from strerror. Linux x86-64/aarch64 constants.
 */
public final class Libc {
  public static final int O_RDWR = 2;
  public static final int O_NONBLOCK = 0x800;
  public static final int O_CLOEXEC = 0x80000;
  public static final int AF_INET = 2;
  public static final int SOCK_RAW = 3;
  public static final int POLLIN = 1;
  public static final int EAGAIN = 11;
  public static final int EINTR = 4;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle IOCTL = handle("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
      Linker.Option.firstVariadicArg(2));
  private static final MethodHandle READ = handle("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle WRITE = handle("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle POLL = handle("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle EVENTFD = handle("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle SENDTO = handle("sendto",
      FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle RECV = handle("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("strerror"),
      FunctionDescriptor.of(ADDRESS, JAVA_INT));

  private Libc() {}

  /** A downcall to libc's {@code name} that captures errno, plus any further options. */
  private static MethodHandle handle(String name, FunctionDescriptor d, Linker.Option... more) {
    Linker.Option[] options = java.util.Arrays.copyOf(more, more.length + 1);
    options[more.length] = Linker.Option.captureCallState("errno");
    return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), d, options);
  }

  /** Per-thread errno capture area (confined, reused). */
  private static final ThreadLocal<MemorySegment> STATE = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));

  private static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  public static String strerror(int errno) {
    try {
      MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
      return s.reinterpret(256).getString(0);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }

  /** An IOException that remembers errno. */
  public static final class ErrnoException extends IOException {
    public final int errno;

    ErrnoException(String call, int errno) {
      super(call + ": " + strerror(errno) + " (errno " + errno + ")");
      this.errno = errno;
    }
  }

  private static long check(String call, long r, MemorySegment state) throws ErrnoException {
    if (r < 0) throw new ErrnoException(call, errno(state));
    return r;
  }

  /** What a failed downcall throws: its ErrnoException as is, anything else wrapped. */
  private static IOException asIOException(Throwable t) {
    return t instanceof IOException io ? io : new IOException(t);
  }

  public static int open(String path, int flags) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = STATE.get();
      return (int) check("open " + path, (int) OPEN.invokeExact(st, a.allocateFrom(path), flags), st);
    } catch (Throwable t) {
      throw asIOException(t);
    }
  }

  public static int ioctl(int fd, long request, MemorySegment arg) throws IOException {
    MemorySegment st = STATE.get();
    try {
      return (int) check("ioctl", (int) IOCTL.invokeExact(st, fd, request, arg), st);
    } catch (Throwable t) {
      throw asIOException(t);
    }
  }

  /** read(2); returns -EAGAIN instead of throwing when a non-blocking fd has nothing. */
  public static long read(int fd, MemorySegment buf, long len) throws IOException {
    MemorySegment st = STATE.get();
    try {
      long r = (long) READ.invokeExact(st, fd, buf, len);
      if (r < 0 && (errno(st) == EAGAIN || errno(st) == EINTR)) return -EAGAIN;
      return check("read", r, st);
    } catch (Throwable t) {
      throw asIOException(t);
    }
  }

  public static long write(int fd, MemorySegment buf, long len) throws IOException {
    MemorySegment st = STATE.get();
    try {
      return check("write", (long) WRITE.invokeExact(st, fd, buf, len), st);
    } catch (Throwable t) {
      throw asIOException(t);
    }
  }

  public static void close(int fd) {
    try {
      int ignored = (int) CLOSE.invokeExact(STATE.get(), fd);
    } catch (Throwable t) {
      // closing is best effort
    }
  }

  /** Waits until {@code fd} is readable; true if it is, false on timeout or EINTR. */
  public static boolean pollIn(int fd, int timeoutMillis) throws IOException {
    return pollAnyIn(timeoutMillis, fd);
  }

  /** Waits until {@code fd} or {@code wakeFd} is readable; true if either is, false on timeout or EINTR. */
  public static boolean pollIn(int fd, int wakeFd, int timeoutMillis) throws IOException {
    return pollAnyIn(timeoutMillis, fd, wakeFd);
  }

  private static boolean pollAnyIn(int timeoutMillis, int... fds) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment pfds = a.allocate(8L * fds.length); // struct pollfd {int fd; short events; short revents}
      for (int i = 0; i < fds.length; i++) {
        pfds.set(JAVA_INT, 8L * i, fds[i]);
        pfds.set(JAVA_SHORT, 8L * i + 4, (short) POLLIN);
      }
      MemorySegment st = STATE.get();
      int r = (int) POLL.invokeExact(st, pfds, (long) fds.length, timeoutMillis);
      if (r < 0 && errno(st) == EINTR) return false;
      check("poll", r, st);
      return r > 0;
    } catch (Throwable t) {
      throw asIOException(t);
    }
  }

  /** An eventfd(2), non-blocking and close-on-exec: a counter another thread writes to wake a poll(). */
  public static int eventfd() throws IOException {
    MemorySegment st = STATE.get();
    try {
      return (int) check("eventfd", (int) EVENTFD.invokeExact(st, 0, O_NONBLOCK | O_CLOEXEC), st);
    } catch (Throwable t) {
      throw asIOException(t);
    }
  }

  public static int socket(int domain, int type, int protocol) throws IOException {
    MemorySegment st = STATE.get();
    try {
      return (int) check("socket", (int) SOCKET.invokeExact(st, domain, type, protocol), st);
    } catch (Throwable t) {
      throw asIOException(t);
    }
  }

  /** A struct sockaddr_in (16 bytes) for an IPv4 address, port 0. */
  public static MemorySegment sockaddrIn(Arena arena, byte[] ipv4) {
    MemorySegment sa = arena.allocate(16);
    sa.set(JAVA_SHORT, 0, (short) AF_INET);
    MemorySegment.copy(MemorySegment.ofArray(ipv4), 0, sa, 4, 4);
    return sa;
  }

  public static void bind(int fd, MemorySegment sockaddr) throws IOException {
    MemorySegment st = STATE.get();
    try {
      check("bind", (int) BIND.invokeExact(st, fd, sockaddr, (int) sockaddr.byteSize()), st);
    } catch (Throwable t) {
      throw asIOException(t);
    }
  }

  public static long sendto(int fd, MemorySegment buf, long len, MemorySegment sockaddr) throws IOException {
    MemorySegment st = STATE.get();
    try {
      return check("sendto", (long) SENDTO.invokeExact(st, fd, buf, len, 0, sockaddr, (int) sockaddr.byteSize()), st);
    } catch (Throwable t) {
      throw asIOException(t);
    }
  }

  /** recv(2) with MSG_DONTWAIT semantics left to the fd; returns -EAGAIN when nothing is there. */
  public static long recv(int fd, MemorySegment buf, long len) throws IOException {
    MemorySegment st = STATE.get();
    try {
      long r = (long) RECV.invokeExact(st, fd, buf, len, 0x40 /* MSG_DONTWAIT */);
      if (r < 0 && (errno(st) == EAGAIN || errno(st) == EINTR)) return -EAGAIN;
      return check("recv", r, st);
    } catch (Throwable t) {
      throw asIOException(t);
    }
  }
}
