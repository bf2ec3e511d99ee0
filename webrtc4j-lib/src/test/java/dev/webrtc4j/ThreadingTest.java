package dev.webrtc4j;

import static dev.webrtc4j.Peers.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The thread model of DESIGN.md: the loop runs on while a listener blocks; listeners may call back. */
class ThreadingTest {
  @RegisterExtension final Peers peers = new Peers();

  @Test
  void aBlockingListenerDoesNotStallTheEventLoop() throws Exception {
    RTCPeerConnection pc = peers.create();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch inListener = new CountDownLatch(1);
    pc.setOnNegotiationNeeded(e -> {
      inListener.countDown();
      try {
        release.await(Peers.TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
      }
    });
    pc.addTransceiver("audio");
    assertThat(inListener.await(Peers.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> sld = pc.setLocalDescription();
    // The loop applies the offer although the dispatch executor is blocked...
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Peers.TIMEOUT_SECONDS);
    while (pc.signalingState() != RTCSignalingState.HAVE_LOCAL_OFFER && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(pc.signalingState()).isEqualTo(RTCSignalingState.HAVE_LOCAL_OFFER);
    // ...and the future completes on the dispatch executor, after the blocked listener.
    assertThat(sld).isNotDone();
    release.countDown();
    await(sld);
  }

  @Test
  void listenersMayCallTheConnection() {
    RTCPeerConnection pc = peers.create();
    CompletableFuture<Integer> seen = new CompletableFuture<>();
    pc.setOnNegotiationNeeded(e -> {
      // A synchronous call from a listener: applied, and visible at once.
      pc.addTransceiver("video");
      seen.complete(pc.getTransceivers().size());
    });
    pc.addTransceiver("audio");
    assertThat(await(seen)).isEqualTo(2);
    assertThat(await(pc.createOffer()).sdp()).contains("m=audio").contains("m=video");
  }

  @Test
  void aCustomDispatchExecutorFromSettingsIsUsed() throws InterruptedException {
    java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.Executor counting = r -> {
      runs.incrementAndGet();
      CompletableFuture.runAsync(r);
    };
    RTCPeerConnection pc = new RTCPeerConnection(RTCConfiguration.DEFAULT,
        dev.webrtc4j.spi.Settings.builder().dispatchExecutor(counting).build());
    try {
      await(pc.createOffer());
      assertThat(runs.get()).isPositive();
    } finally {
      pc.close();
    }
    assertThat(pc.awaitTermination(Peers.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
  }
}
