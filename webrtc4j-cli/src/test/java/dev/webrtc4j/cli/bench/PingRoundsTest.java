package dev.webrtc4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webrtc4j.MessageEvent;
import dev.webrtc4j.RTCDataChannel;
import dev.webrtc4j.RTCDataChannelInit;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ping driver on two real connections over loopback; nothing here asserts a speed. */
class PingRoundsTest {
  private static final Duration STEP = Duration.ofSeconds(20);

  @Test
  @Timeout(60)
  void batchesRunOneAtATimeAndEveryEchoIsCounted() throws Exception {
    try (LoopbackPair pair = LoopbackPair.connect(true, RTCDataChannelInit.DEFAULT, STEP)) {
      RTCDataChannel b = pair.dcB();
      AtomicInteger echoed = new AtomicInteger();
      b.setOnMessage(e -> {
        if (e.data() instanceof MessageEvent.Binary bin) {
          echoed.incrementAndGet();
          b.send(bin.data());
        }
      });
      PingRounds pings = new PingRounds(pair.dcA(), 100, STEP);
      assertThat(pings.run(0)).isEmpty();
      assertThat(java.util.Arrays.stream(pings.run(7)).boxed().toList()).hasSize(7).allMatch(us -> us > 0);
      // The next batch goes on numbering where the last stopped (the echo check would fail otherwise).
      assertThat(java.util.Arrays.stream(pings.run(5)).boxed().toList()).hasSize(5).allMatch(us -> us > 0);
      assertThat(echoed).hasValue(12);
    }
  }

  @Test
  @Timeout(60)
  void aWrongEchoFailsTheBatch() throws Exception {
    try (LoopbackPair pair = LoopbackPair.connect(true, RTCDataChannelInit.DEFAULT, STEP)) {
      RTCDataChannel b = pair.dcB();
      b.setOnMessage(e -> {
        if (e.data() instanceof MessageEvent.Binary bin) {
          ByteBuffer wrong = ByteBuffer.allocate(bin.data().remaining());
          wrong.putInt(0, bin.data().getInt(bin.data().position()) + 1);
          b.send(wrong);
        }
      });
      PingRounds pings = new PingRounds(pair.dcA(), 100, STEP);
      assertThatThrownBy(() -> pings.run(3)).isInstanceOf(ExecutionException.class)
          .hasMessageContaining("ping 0: wrong echo");
    }
  }
}
