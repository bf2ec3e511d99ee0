package dev.webrtc4j.internal.dcep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.internal.dcep.StreamIdAllocator.DtlsRole;
import org.junit.jupiter.api.Test;

class StreamIdAllocatorTest {
  @Test
  void dtlsClientTakesEvenIdsAndServerOddOnes() {
    StreamIdAllocator client = new StreamIdAllocator(DtlsRole.CLIENT, 65535);
    StreamIdAllocator server = new StreamIdAllocator(DtlsRole.SERVER, 65535);
    assertThat(client.allocate()).hasValue(0);
    assertThat(client.allocate()).hasValue(2);
    assertThat(server.allocate()).hasValue(1);
    assertThat(server.allocate()).hasValue(3);
    assertThat(client.isPeerParity(1)).isTrue();
    assertThat(client.isPeerParity(2)).isFalse();
    assertThat(server.isPeerParity(4)).isTrue();
  }

  @Test
  void negotiatedIdsAreSkippedAndReleasedIdsReused() {
    StreamIdAllocator a = new StreamIdAllocator(DtlsRole.CLIENT, 8);
    assertThat(a.reserve(0)).isTrue();
    assertThat(a.reserve(0)).isFalse();
    assertThat(a.allocate()).hasValue(2);
    assertThat(a.allocate()).hasValue(4);
    assertThat(a.allocate()).hasValue(6);
    assertThat(a.allocate()).isEmpty();
    a.release(4);
    assertThat(a.allocate()).hasValue(4);
    assertThat(a.reserve(8)).isFalse();
  }
}
