package dev.webrtc4j;

import static dev.webrtc4j.DataChannelLoopback.await;
import static dev.webrtc4j.DataChannelLoopback.settle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.DataChannelLoopback.Pair;
import dev.webrtc4j.DataChannelLoopback.Recorder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 4, 1,000 channels on one connection: all open on both sides and every message arrives
 * on its own channel. Correctness only, nothing is timed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataChannelManyChannelsTest {
  @RegisterExtension final DataChannelLoopback loopback = new DataChannelLoopback();

  @Test
  void aThousandChannelsOpenOnBothSidesAndEachCarriesItsOwnMessagesBothWays() {
    int fromA = 600;
    int fromB = 400;
    Pair p = loopback.pair();
    // a's channels wait for the connection; b's are created once it is up.
    Map<String, Recorder> created = new LinkedHashMap<>();
    for (int i = 0; i < fromA; i++) {
      String label = "a-" + i;
      created.put(label, new Recorder(p.a.createDataChannel(label,
          RTCDataChannelInit.builder().protocol("p" + i).ordered(i % 2 == 0).build())));
    }
    p.connect();
    for (int i = 0; i < fromB; i++) {
      String label = "b-" + i;
      created.put(label, DataChannelLoopback.createRecorded(p.b, label, RTCDataChannelInit.DEFAULT));
    }
    for (Recorder r : created.values()) {
      await(r.opened);
    }
    Map<String, Recorder> announced = new HashMap<>();
    for (int i = 0; i < fromA; i++) {
      Recorder r = p.atB.next();
      announced.put(r.channel.label(), r);
    }
    for (int i = 0; i < fromB; i++) {
      Recorder r = p.atA.next();
      announced.put(r.channel.label(), r);
    }
    assertThat(announced.keySet()).isEqualTo(created.keySet());

    Set<Integer> idsA = new HashSet<>();
    Set<Integer> idsB = new HashSet<>();
    for (Map.Entry<String, Recorder> e : created.entrySet()) {
      RTCDataChannel mine = e.getValue().channel;
      RTCDataChannel theirs = announced.get(e.getKey()).channel;
      assertThat(theirs.id()).isEqualTo(mine.id());
      assertThat(theirs.protocol()).isEqualTo(mine.protocol());
      assertThat(theirs.ordered()).isEqualTo(mine.ordered());
      assertThat(theirs.readyState()).isEqualTo(RTCDataChannelState.OPEN);
      (e.getKey().startsWith("a-") ? idsA : idsB).add(mine.id().orElseThrow());
    }
    // Distinct ids, of each creator's parity (a is the DTLS server: odd; b the client: even).
    assertThat(idsA).hasSize(fromA).allMatch(id -> id % 2 == 1);
    assertThat(idsB).hasSize(fromB).allMatch(id -> id % 2 == 0);
    assertThat(p.a.sctp().orElseThrow().maxChannels().orElseThrow()).isGreaterThanOrEqualTo(fromA + fromB);

    // One message each way on every channel, all sent before any is read.
    for (Map.Entry<String, Recorder> e : created.entrySet()) {
      e.getValue().channel.send("creator->" + e.getKey());
      announced.get(e.getKey()).channel.send("peer->" + e.getKey());
    }
    for (Map.Entry<String, Recorder> e : created.entrySet()) {
      assertThat(announced.get(e.getKey()).nextText()).isEqualTo("creator->" + e.getKey());
      assertThat(e.getValue().nextText()).isEqualTo("peer->" + e.getKey());
    }
    settle(p.a);
    settle(p.b);
    for (Map.Entry<String, Recorder> e : created.entrySet()) {
      assertThat(e.getValue().messages).as("extra messages on %s", e.getKey()).isEmpty();
      assertThat(announced.get(e.getKey()).messages).as("extra messages on the peer's %s", e.getKey()).isEmpty();
    }
    assertThat(p.atA.all).hasSize(fromB);
    assertThat(p.atB.all).hasSize(fromA);
  }
}
