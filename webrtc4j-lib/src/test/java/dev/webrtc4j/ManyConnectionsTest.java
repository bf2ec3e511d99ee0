package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many connections share the carrier pool: no platform thread per connection. */
class ManyConnectionsTest {
  @RegisterExtension final Peers peers = new Peers();

  @Test
  void fiftyConnectionsAddNoPlatformThreadPerConnection() {
    int before = Thread.activeCount();
    List<RTCPeerConnection> pcs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      pcs.add(peers.create());
    }
    List<CompletableFuture<RTCSessionDescription>> offers = new ArrayList<>();
    for (RTCPeerConnection pc : pcs) {
      pc.createDataChannel("d");
      offers.add(pc.createOffer());
    }
    for (CompletableFuture<RTCSessionDescription> f : offers) {
      assertThat(await(f).sdp()).contains("m=application");
    }
    // Thread.activeCount counts platform threads; loops and dispatch run on virtual threads.
    assertThat(Thread.activeCount() - before).isLessThan(16);
  }
}
