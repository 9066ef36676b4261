package io.weft.forwarder.port;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.weft.forwarder.packet.VirtioNetHeader;
import io.weft.forwarder.sys.Libc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A TAP device through FFM: {@code open("/dev/net/tun")}, {@code ioctl(TUNSETIFF)} with
 * IFF_TAP | IFF_NO_PI, then one frame per read/write. The fd is non-blocking: a read is
 * tried first and only when it finds nothing ({@code EAGAIN}) does the loop wait in
 * {@code poll()} — a busy port costs one syscall per frame, not two. The poll also watches an
 * eventfd that {@link #close()} signals, so closing wakes the reader at once (a thread blocked
 * in poll() is not woken by another thread closing the fd) and the fd is closed only once the
 * reader has left.
 *
 * <p>With offloads (the default) the TAP is opened with IFF_VNET_HDR and TUNSETOFFLOAD
 * CSUM|TSO4|TSO6: the workload's kernel leaves TCP/UDP checksums partial and hands over TCP
 * segments of up to 64 KiB, each frame behind a 10-byte {@link VirtioNetHeader}, and takes
 * frames the same way. Attaching to an existing persistent TAP of the same name works the
 * same way.
 */
public final class TapBackend implements PortBackend {
  static final long TUNSETIFF = 0x400454caL;
  static final long TUNSETPERSIST = 0x400454cbL;
  static final short IFF_TAP = 0x0002;
  static final short IFF_NO_PI = 0x1000;
  static final short IFF_VNET_HDR = 0x4000;
  static final long TUNSETOFFLOAD = 0x400454d0L;
  static final int TUN_F_CSUM = 0x01;
  static final int TUN_F_TSO4 = 0x02;
  static final int TUN_F_TSO6 = 0x04;
  static final int IFNAMSIZ = 16;
  static final int IFREQ_SIZE = 40;

  private final String name;
  private final int fd;
  private final int wakeFd;
  private final int vnetHeader;
  /**
   * Read-held by receive() and send() for their whole call, write-held by close() before the
   * fds go: no read or write ever reaches an fd number that close() has released for reuse.
   */
  private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();
  private final Arena arena = Arena.ofShared();
  private final MemorySegment writeScratch = arena.allocate(65_536);
  private volatile boolean closed;

  private TapBackend(String name, int fd, int wakeFd, int vnetHeader) {
    this.name = name;
    this.fd = fd;
    this.wakeFd = wakeFd;
    this.vnetHeader = vnetHeader;
  }

  /** Creates (or attaches to) the TAP {@code name} with offloads; with {@code persistent} it outlives the process. */
  public static TapBackend open(String name, boolean persistent) throws IOException {
    return open(name, persistent, true);
  }

  /** As {@link #open(String, boolean)}; without {@code offloads}, plain frames, MTU-sized, with full checksums. */
  public static TapBackend open(String name, boolean persistent, boolean offloads) throws IOException {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    if (n.length == 0 || n.length >= IFNAMSIZ) throw new IllegalArgumentException("interface name " + name);
    int fd = Libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ifr = a.allocate(IFREQ_SIZE); // struct ifreq: name[16] at 0, short flags at 16
      MemorySegment.copy(MemorySegment.ofArray(n), 0, ifr, 0, n.length);
      ifr.set(JAVA_SHORT, 16, (short) (IFF_TAP | IFF_NO_PI | (offloads ? IFF_VNET_HDR : 0)));
      Libc.ioctl(fd, TUNSETIFF, ifr);
      String actual = ifr.getString(0);
      if (offloads) Libc.ioctl(fd, TUNSETOFFLOAD, MemorySegment.ofAddress(TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6));
      if (persistent) Libc.ioctl(fd, TUNSETPERSIST, MemorySegment.ofAddress(1));
      return new TapBackend(actual, fd, Libc.eventfd(), offloads ? VirtioNetHeader.LENGTH : 0);
    } catch (IOException | RuntimeException e) {
      Libc.close(fd);
      throw e;
    }
  }

  public String name() {
    return name;
  }

  /** Clears the persistent flag so the device goes when the last fd closes. */
  public void unpersist() throws IOException {
    Libc.ioctl(fd, TUNSETPERSIST, MemorySegment.NULL);
  }

  @Override
  public int vnetHeaderLength() {
    return vnetHeader;
  }

  @Override
  public int receive(ByteBuffer buf, int timeoutMillis) throws IOException {
    inUse.readLock().lock();
    try {
      return closed ? -1 : read(buf, timeoutMillis);
    } finally {
      inUse.readLock().unlock();
    }
  }

  private int read(ByteBuffer buf, int timeoutMillis) throws IOException {
    MemorySegment target = buf.isDirect() ? MemorySegment.ofBuffer(buf) : null;
    if (target != null) {
      long n = Libc.read(fd, target, target.byteSize());
      if (n >= 0) return (int) n;
      if (!Libc.pollIn(fd, wakeFd, timeoutMillis)) return closed ? -1 : 0;
      if (closed) return -1;
      n = Libc.read(fd, target, target.byteSize());
      return n < 0 ? 0 : (int) n;
    }
    if (!Libc.pollIn(fd, wakeFd, timeoutMillis)) return closed ? -1 : 0;
    if (closed) return -1;
    try (Arena a = Arena.ofConfined()) {
      MemorySegment tmp = a.allocate(buf.remaining());
      long n = Libc.read(fd, tmp, tmp.byteSize());
      if (n <= 0) return 0;
      MemorySegment.copy(tmp, 0, MemorySegment.ofBuffer(buf), 0, n);
      return (int) n;
    }
  }

  @Override
  public void send(ByteBuffer frame) throws IOException {
    inUse.readLock().lock();
    try {
      write(frame);
    } finally {
      inUse.readLock().unlock();
    }
  }

  private void write(ByteBuffer frame) throws IOException {
    if (closed) throw new IOException("TAP " + name + " closed");
    int len = frame.remaining();
    if (frame.isDirect()) {
      Libc.write(fd, MemorySegment.ofBuffer(frame), len);
      return;
    }
    synchronized (this) {
      MemorySegment.copy(MemorySegment.ofBuffer(frame), 0, writeScratch, 0, len);
      Libc.write(fd, writeScratch, len);
    }
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    try (Arena a = Arena.ofConfined()) { // wakes a reader in poll(); it sees 'closed' and leaves
      Libc.write(wakeFd, a.allocateFrom(JAVA_LONG, 1L), 8);
    } catch (IOException e) {
      // the counter cannot overflow from one write; nothing else can fail here
    }
    inUse.writeLock().lock();
    try {
      Libc.close(fd);
      Libc.close(wakeFd);
      synchronized (this) {
        arena.close();
      }
    } finally {
      inUse.writeLock().unlock();
    }
  }

}
