package dev.webrtc4j.cli.bench;

import dev.webrtc4j.RTCConfiguration;
import dev.webrtc4j.RTCDataChannel;
import dev.webrtc4j.RTCDataChannelInit;
import dev.webrtc4j.RTCDataChannelState;
import dev.webrtc4j.RTCDtlsTransport;
import dev.webrtc4j.RTCIceCandidate;
import dev.webrtc4j.RTCPeerConnection;
import dev.webrtc4j.RTCSctpTransport;
import dev.webrtc4j.RTCSessionDescription;
import dev.webrtc4j.spi.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Two webrtc4j connections in one JVM, connected over loopback ({@code Settings.loopbackOnly()})
 * with one data channel open both ways: what every data-channel workload starts from. The
 * reference script connects libwebrtc the same way ({@code bench-reference/lib/pair.mjs}).
 *
 * @param setupMillis from just before creating the two connections to both channels open
 * @param timeline when each step happened, if asked for
 */
record LoopbackPair(RTCPeerConnection a, RTCPeerConnection b, RTCDataChannel dcA, RTCDataChannel dcB, double setupMillis,
    @Nullable SetupTimeline timeline) implements AutoCloseable {

  static final Settings SETTINGS = Settings.builder().loopbackOnly().build();

  /**
   * Connects a new pair. {@code trickle}: each side's icecandidate events are handed straight to
   * the other's addIceCandidate; otherwise each side waits for gathering to complete (the
   * end-of-candidates event) and sends its full description.
   *
   * @throws TimeoutException if any step takes longer than {@code timeout}
   */
  static LoopbackPair connect(boolean trickle, RTCDataChannelInit init, Duration timeout) throws Exception {
    return connect(trickle, init, timeout, false);
  }

  /** As {@link #connect(boolean, RTCDataChannelInit, Duration)}; {@code timeline}: record when each step happened. */
  static LoopbackPair connect(boolean trickle, RTCDataChannelInit init, Duration timeout, boolean timeline) throws Exception {
    // The setup figure starts here, at creating the two connections (issue 6's definition), as
    // the reference's does.
    long t0 = System.nanoTime();
    RTCPeerConnection a = RTCPeerConnection.create(RTCConfiguration.DEFAULT, SETTINGS);
    RTCPeerConnection b = RTCPeerConnection.create(RTCConfiguration.DEFAULT, SETTINGS);
    try {
      return connect(t0, a, b, trickle, init, timeout, timeline);
    } catch (Exception | Error e) {
      a.close();
      b.close();
      throw e;
    }
  }

  private static LoopbackPair connect(long t0, RTCPeerConnection a, RTCPeerConnection b, boolean trickle,
      RTCDataChannelInit init, Duration timeout, boolean withTimeline) throws Exception {
    SetupTimeline timeline = withTimeline ? SetupTimeline.start(t0) : null;
    AtomicReference<@Nullable SetupTimeline> tl = new AtomicReference<>(timeline);
    CandidateInbox toA = new CandidateInbox(a);
    CandidateInbox toB = new CandidateInbox(b);
    CompletableFuture<Void> gatheredA = new CompletableFuture<>();
    CompletableFuture<Void> gatheredB = new CompletableFuture<>();
    a.setOnIceCandidate(e -> {
      mark(tl, "A", e.candidate().isEmpty() ? "gathering complete" : "first candidate");
      if (e.candidate().isEmpty()) {
        gatheredA.complete(null);
      } else if (trickle) {
        toB.deliver(e.candidate().get());
      }
    });
    b.setOnIceCandidate(e -> {
      mark(tl, "B", e.candidate().isEmpty() ? "gathering complete" : "first candidate");
      if (e.candidate().isEmpty()) {
        gatheredB.complete(null);
      } else if (trickle) {
        toA.deliver(e.candidate().get());
      }
    });
    CompletableFuture<RTCDataChannel> remote = new CompletableFuture<>();
    if (withTimeline) {
      watchStates(a, "A", tl);
      watchStates(b, "B", tl);
    }
    b.setOnDataChannel(e -> opened(e.channel()).whenComplete((ch, x) -> {
      mark(tl, "B", "channel open");
      if (x != null) {
        remote.completeExceptionally(x);
      } else {
        remote.complete(ch);
      }
    }));
    RTCDataChannel dcA = a.createDataChannel("bench", init);
    CompletableFuture<RTCDataChannel> openA = opened(dcA).whenComplete((ch, x) -> mark(tl, "A", "channel open"));
    mark(tl, "A", "createDataChannel");
    try {
      RTCSessionDescription offer = await(a.createOffer(), timeout, "createOffer");
      mark(tl, "A", "createOffer");
      if (timeline != null) {
        timeline.description("A", offer.sdp());
      }
      await(a.setLocalDescription(offer), timeout, "offerer setLocalDescription");
      mark(tl, "A", "setLocalDescription");
      if (!trickle) {
        await(gatheredA, timeout, "offerer gathering");
        offer = a.localDescription().orElseThrow();
      }
      LoopbackGuard.checkSdp(offer.sdp(), "offer");
      await(b.setRemoteDescription(offer), timeout, "answerer setRemoteDescription");
      mark(tl, "B", "setRemoteDescription");
      toB.open();
      RTCSessionDescription answer = await(b.createAnswer(), timeout, "createAnswer");
      mark(tl, "B", "createAnswer");
      if (timeline != null) {
        timeline.description("B", answer.sdp());
      }
      await(b.setLocalDescription(answer), timeout, "answerer setLocalDescription");
      mark(tl, "B", "setLocalDescription");
      watchSctp(b, "B", tl);
      if (!trickle) {
        await(gatheredB, timeout, "answerer gathering");
        answer = b.localDescription().orElseThrow();
      }
      LoopbackGuard.checkSdp(answer.sdp(), "answer");
      await(a.setRemoteDescription(answer), timeout, "offerer setRemoteDescription");
      mark(tl, "A", "setRemoteDescription");
      watchSctp(a, "A", tl);
      toA.open();
      RTCDataChannel chA = await(openA, timeout, "offerer's channel open");
      RTCDataChannel chB = await(remote, timeout, "answerer's channel open");
      double setupMillis = (System.nanoTime() - t0) / 1e6;
      toA.throwIfFailed();
      toB.throwIfFailed();
      return new LoopbackPair(a, b, chA, chB, setupMillis, timeline);
    } catch (TimeoutException e) {
      // Which steps happened before the one that hung: what a stuck setup needs to be diagnosed.
      if (timeline != null) {
        Thread.sleep(100); // let milestones of steps in flight land; this setup has failed anyway
        throw new TimeoutException(e.getMessage() + "; the setup so far: " + timeline.line()
            + " ICE " + a.iceConnectionState().w3cName() + "/" + b.iceConnectionState().w3cName()
            + ", connection " + a.connectionState().w3cName() + "/" + b.connectionState().w3cName());
      }
      throw e;
    } finally {
      if (timeline != null) {
        timeline.stop();
      }
    }
  }

  private static void mark(AtomicReference<@Nullable SetupTimeline> tl, String peer, String step) {
    SetupTimeline t = tl.get();
    if (t != null) {
      t.mark(peer, step);
    }
  }

  /** The ICE and connection states of {@code pc} as they change (W3C events). */
  private static void watchStates(RTCPeerConnection pc, String peer, AtomicReference<@Nullable SetupTimeline> tl) {
    pc.addEventListener(RTCPeerConnection.ICECONNECTIONSTATECHANGE,
        e -> mark(tl, peer, "ice " + pc.iceConnectionState().w3cName()));
    pc.addEventListener(RTCPeerConnection.CONNECTIONSTATECHANGE,
        e -> mark(tl, peer, "connection " + pc.connectionState().w3cName()));
  }

  /**
   * The DTLS and SCTP transport states once the transport exists (after the offerer's
   * setRemoteDescription, the answerer's setLocalDescription; called after each, the first call
   * that finds it registers). The DTLS handshake cannot have finished by then; its start can, so
   * {@code dtls connecting} may be missing: the {@code dtls-started} milestone has it.
   */
  private static void watchSctp(RTCPeerConnection pc, String peer, AtomicReference<@Nullable SetupTimeline> tl) {
    SetupTimeline t = tl.get();
    if (t == null || pc.sctp().isEmpty() || !t.firstWatch(peer)) {
      return;
    }
    RTCSctpTransport sctp = pc.sctp().get();
    sctp.addEventListener(RTCSctpTransport.STATECHANGE, e -> mark(tl, peer, "sctp " + sctp.state().w3cName()));
    RTCDtlsTransport dtls = sctp.transport();
    dtls.addEventListener(RTCDtlsTransport.STATECHANGE, e -> mark(tl, peer, "dtls " + dtls.state().w3cName()));
  }

  /** Completes with the channel once it is open; fails if it errors or closes first. */
  static CompletableFuture<RTCDataChannel> opened(RTCDataChannel dc) {
    CompletableFuture<RTCDataChannel> f = new CompletableFuture<>();
    dc.addEventListener(RTCDataChannel.OPEN, e -> f.complete(dc));
    dc.addEventListener(RTCDataChannel.ERROR, e -> f.completeExceptionally(new IllegalStateException("channel error: " + e)));
    dc.addEventListener(RTCDataChannel.CLOSE, e -> f.completeExceptionally(new IllegalStateException("channel closed before open")));
    if (dc.readyState() == RTCDataChannelState.OPEN) {
      f.complete(dc);
    }
    return f;
  }

  static <T> T await(CompletableFuture<T> f, Duration timeout, String step) throws Exception {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException(step + " did not complete within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception x) {
        throw new IllegalStateException(step + " failed: " + x, x);
      }
      throw e;
    }
  }

  @Override
  public void close() {
    a.close();
    b.close();
  }

  /**
   * Candidates that arrive before the receiving side has a remote description are held and added
   * right after it (addIceCandidate rejects them before). Each is checked against the network rule
   * before it is passed on.
   */
  private static final class CandidateInbox {
    private final RTCPeerConnection pc;
    private final List<RTCIceCandidate> held = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private boolean ready;

    CandidateInbox(RTCPeerConnection pc) {
      this.pc = pc;
    }

    synchronized void deliver(RTCIceCandidate c) {
      try {
        LoopbackGuard.checkCandidate(c.candidate());
      } catch (IllegalStateException e) {
        failure.compareAndSet(null, e);
        return;
      }
      if (ready) {
        add(c);
      } else {
        held.add(c);
      }
    }

    synchronized void open() {
      ready = true;
      held.forEach(this::add);
      held.clear();
    }

    private void add(RTCIceCandidate c) {
      pc.addIceCandidate(c).whenComplete((v, x) -> {
        if (x != null) {
          failure.compareAndSet(null, x);
        }
      });
    }

    void throwIfFailed() {
      Throwable t = failure.get();
      if (t != null) {
        throw new IllegalStateException("a candidate was not passed on or not accepted: " + t, t);
      }
    }
  }
}
