package io.weft.forwarder.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The virtio-net header codec against annotated vectors, and partial checksums completed. */
class VirtioNetHeaderTest {

  static Stream<Arguments> vectors() {
    return Stream.of(
        Arguments.of("virtio-net-hdr-tso4.hex", new VirtioNetHeader(VirtioNetHeader.F_NEEDS_CSUM,
            VirtioNetHeader.GSO_TCPV4, 66, 1448, 34, 16)),
        Arguments.of("virtio-net-hdr-udp-partial.hex", new VirtioNetHeader(VirtioNetHeader.F_NEEDS_CSUM,
            VirtioNetHeader.GSO_NONE, 0, 0, 34, 6)));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void decodesAndEncodesTheVector(String vector, VirtioNetHeader expected) {
    byte[] bytes = HexVectors.load(vector);
    // At an offset, in a big-endian buffer, as the packet loop reads it.
    ByteBuffer buf = ByteBuffer.allocate(64 + bytes.length).put(64, bytes);
    assertThat(VirtioNetHeader.decode(buf, 64)).contains(expected);
    assertThat(expected.encode()).isEqualTo(bytes);
  }

  @Test
  void rejectsSegmentationItNeverEnabled() {
    assertThat(VirtioNetHeader.decode(ByteBuffer.wrap(HexVectors.load("virtio-net-hdr-uso-rejected.hex")), 0)).isEmpty();
  }

  @Test
  void zeroesAreTheSharedNoneAndTooShortIsEmpty() {
    assertThat(VirtioNetHeader.decode(ByteBuffer.allocate(10), 0)).containsSame(VirtioNetHeader.NONE);
    assertThat(VirtioNetHeader.decode(ByteBuffer.allocate(9), 0)).isEmpty();
  }

  @Test
  void shiftingFollowsTheFrameStart() {
    VirtioNetHeader h = new VirtioNetHeader(1, VirtioNetHeader.GSO_TCPV4, 66, 1448, 34, 16);
    // A VLAN tag removed while routing: the frame starts 4 bytes later, the TCP header stays.
    assertThat(h.shifted(-4)).isEqualTo(new VirtioNetHeader(1, VirtioNetHeader.GSO_TCPV4, 62, 1448, 30, 16));
    assertThat(VirtioNetHeader.NONE.shifted(14)).isSameAs(VirtioNetHeader.NONE);
  }

  @Test
  void completingThePartialChecksumOfACapturedSynGivesTheWireChecksum() {
    byte[] partial = HexVectors.load("ipv4-tcp-syn-offload-partial-checksum.hex");
    byte[] wire = HexVectors.load("ipv4-tcp-syn.hex");
    assertThat(partial).isNotEqualTo(wire);
    ByteBuffer buf = ByteBuffer.wrap(partial.clone());
    Checksums.completePartial(buf, 34, 16, partial.length);
    assertThat(Arrays.copyOfRange(buf.array(), 34, partial.length)).isEqualTo(Arrays.copyOfRange(wire, 34, wire.length));
  }
}
