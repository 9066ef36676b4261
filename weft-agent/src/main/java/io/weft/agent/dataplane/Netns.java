package io.weft.agent.dataplane;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a call inside another network namespace: on a fresh platform thread that enters it
 * with {@code setns(2)} and then ends, so no pooled thread is left in the pod's namespace.
 * The agent uses it after a restart to re-open a TAP device the CNI plugin has moved into a
 * pod (a TUNSETIFF by name finds the device in the caller's namespace only).
 */
final class Netns {
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;
  private static final int CLONE_NEWNET = 0x40000000;
  private static final Linker LINKER = Linker.nativeLinker();
  private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("open"),
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle SETNS = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("setns"),
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("close"),
      FunctionDescriptor.of(JAVA_INT, JAVA_INT));

  private Netns() {}

  /** Calls {@code call} inside the namespace at {@code path} (e.g. /var/run/netns/pod-1). */
  static <T> T in(String path, Callable<T> call) throws IOException {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread t = Thread.ofPlatform().name("netns-enter").start(() -> {
      try {
        enter(path);
        result.set(call.call());
      } catch (Exception e) {
        failure.set(e);
      }
    });
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted entering " + path, e);
    }
    Exception e = failure.get();
    if (e instanceof IOException io) throw io;
    if (e != null) throw new IOException("in netns " + path + ": " + e.getMessage(), e);
    return result.get();
  }

  private static void enter(String path) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      int fd = (int) OPEN.invokeExact(a.allocateFrom(path), O_RDONLY | O_CLOEXEC);
      if (fd < 0) throw new IOException("cannot open " + path);
      try {
        int rc = (int) SETNS.invokeExact(fd, CLONE_NEWNET);
        if (rc != 0) throw new IOException("setns " + path + " failed");
      } finally {
        int ignored = (int) CLOSE.invokeExact(fd);
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("setns " + path + ": " + t, t);
    }
  }
}
