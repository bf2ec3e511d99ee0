package dev.webrtc4j.internal.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FragmentRingTest {
  private static DataChunk chunk(long t) {
    return new DataChunk(new Tsn((int) t), new StreamId(0), new Ssn(0), 53, ByteBuffer.allocate(1), false, false, false, false);
  }

  @Test
  void behavesLikeAMapUnderRandomOperationsAndGrowsWithTheSpan() {
    FragmentRing ring = new FragmentRing();
    Map<Long, DataChunk> model = new HashMap<>();
    SplittableRandom r = new SplittableRandom(5);
    long base = (1L << 32) - 500; // keys cross a 32-bit boundary
    for (int i = 0; i < 200_000; i++) {
      long t = base + r.nextInt(i < 100_000 ? 100 : 5000);
      switch (r.nextInt(3)) {
        case 0 -> {
          DataChunk c = chunk(t);
          ring.put(t, c);
          model.put(t, c);
        }
        case 1 -> assertThat(ring.remove(t)).isSameAs(model.remove(t));
        default -> assertThat(ring.get(t)).isSameAs(model.get(t));
      }
      assertThat(ring.size()).isEqualTo(model.size());
    }
    for (Map.Entry<Long, DataChunk> e : model.entrySet()) {
      assertThat(ring.get(e.getKey())).isSameAs(e.getValue());
    }
  }
}
