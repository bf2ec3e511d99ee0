package dev.webrtc4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webrtc4j.spi.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test support for the {@code DataChannel*Test} and {@code Dtls*Test} classes: pairs of real
 * {@link RTCPeerConnection}s in one JVM over loopback UDP ({@link Settings.Builder#loopbackOnly()})
 * with trickled candidates, and recorders for channel events. Registered as a JUnit extension: after
 * each test every connection is closed and its event loop must have ended.
 */
final class DataChannelLoopback implements AfterEachCallback {
  static final long TIMEOUT_SECONDS = 15;
  static final Settings LOOPBACK = Settings.builder().loopbackOnly().build();

  private final List<RTCPeerConnection> made = Collections.synchronizedList(new ArrayList<>());

  RTCPeerConnection create() {
    return create(RTCConfiguration.DEFAULT, LOOPBACK);
  }

  RTCPeerConnection create(RTCConfiguration config, Settings settings) {
    RTCPeerConnection pc = new RTCPeerConnection(config, settings);
    made.add(pc);
    return pc;
  }

  /** Two fresh connections with the loopback settings; nothing negotiated yet. */
  Pair pair() {
    return new Pair(create(), create());
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    List<RTCPeerConnection> all;
    synchronized (made) {
      all = new ArrayList<>(made);
      made.clear();
    }
    for (RTCPeerConnection pc : all) {
      pc.close();
    }
    for (RTCPeerConnection pc : all) {
      assertThat(pc.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("event loop ended").isTrue();
    }
  }

  static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete within " + TIMEOUT_SECONDS + " s", e);
    }
  }

  /** Completes when {@code pc.connectionState()} is {@code wanted} (now or at a later change). */
  static CompletableFuture<Void> state(RTCPeerConnection pc, RTCPeerConnectionState wanted) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    pc.addEventListener(RTCPeerConnection.CONNECTIONSTATECHANGE, e -> {
      if (pc.connectionState() == wanted) {
        f.complete(null);
      }
    });
    if (pc.connectionState() == wanted) {
      f.complete(null);
    }
    return f;
  }

  /**
   * Runs {@code action} as a task on {@code pc}'s dispatch executor and returns its result. A
   * channel created on a connection whose SCTP transport is up opens at once: created from another
   * thread, its {@code open} may fire before the caller attaches a listener. Created in a dispatch
   * task, like JavaScript's run-to-completion, the listeners added in the same task see it.
   */
  static <T> T onDispatch(RTCPeerConnection pc, Supplier<T> action) {
    CompletableFuture<T> f = new CompletableFuture<>();
    pc.queueTask(() -> {
      try {
        f.complete(action.get());
      } catch (RuntimeException | Error e) {
        f.completeExceptionally(e);
      }
    });
    return await(f);
  }

  /** A channel made and given a {@link Recorder} in one dispatch task (see {@link #onDispatch}). */
  static Recorder createRecorded(RTCPeerConnection pc, String label, RTCDataChannelInit init) {
    return onDispatch(pc, () -> new Recorder(pc.createDataChannel(label, init)));
  }

  /** Waits until everything {@code pc} had queued (loop and dispatch) has been delivered. */
  static void settle(RTCPeerConnection pc) {
    await(pc.barrier());
  }

  /**
   * Two connections, {@code a} the offerer (ICE controlling, DTLS server: a=setup:actpass answered
   * with active) and {@code b} the answerer (DTLS client). Candidates trickle as a signalling
   * channel would carry them: each one is applied once the description it belongs to was applied
   * on the other side. Remote channels are recorded from their {@code datachannel} event on.
   */
  static final class Pair {
    final RTCPeerConnection a;
    final RTCPeerConnection b;
    final RemoteChannels atA;
    final RemoteChannels atB;
    private final CompletableFuture<Void> aHasRemote = new CompletableFuture<>();
    private final CompletableFuture<Void> bHasRemote = new CompletableFuture<>();
    private final CompletableFuture<Void> aConnected;
    private final CompletableFuture<Void> bConnected;

    Pair(RTCPeerConnection a, RTCPeerConnection b) {
      this.a = a;
      this.b = b;
      a.setOnIceCandidate(e -> e.candidate().ifPresent(c -> bHasRemote.thenRun(() -> b.addIceCandidate(c))));
      b.setOnIceCandidate(e -> e.candidate().ifPresent(c -> aHasRemote.thenRun(() -> a.addIceCandidate(c))));
      aConnected = state(a, RTCPeerConnectionState.CONNECTED);
      bConnected = state(b, RTCPeerConnectionState.CONNECTED);
      atA = new RemoteChannels(a);
      atB = new RemoteChannels(b);
    }

    /** Offer from a, answer from b, applied in turn. */
    void negotiate() {
      negotiate(UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** As {@link #negotiate()}, with the offer's and the answer's SDP passed through edits first. */
    void negotiate(UnaryOperator<String> editOffer, UnaryOperator<String> editAnswer) {
      applyOffer(editOffer);
      applyAnswer(editAnswer);
    }

    /** a creates and applies an offer; b applies it, edited; b may now take a's candidates. */
    void applyOffer(UnaryOperator<String> edit) {
      RTCSessionDescription offer = await(a.createOffer());
      await(a.setLocalDescription(offer));
      await(b.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, edit.apply(offer.sdp()))));
      bHasRemote.complete(null);
    }

    /** b creates and applies the answer; a applies it, edited; a may now take b's candidates. */
    void applyAnswer(UnaryOperator<String> edit) {
      RTCSessionDescription answer = await(b.createAnswer());
      await(b.setLocalDescription(answer));
      await(a.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, edit.apply(answer.sdp()))));
      aHasRemote.complete(null);
    }

    /** Negotiates and waits until both connections are {@code connected}. */
    void connect() {
      negotiate();
      awaitConnected();
    }

    void awaitConnected() {
      await(aConnected);
      await(bConnected);
    }
  }

  /** The channels a connection's peer opened, each with a {@link Recorder} attached in its {@code datachannel} event. */
  static final class RemoteChannels {
    final LinkedBlockingQueue<Recorder> queue = new LinkedBlockingQueue<>();
    final List<Recorder> all = Collections.synchronizedList(new ArrayList<>());

    RemoteChannels(RTCPeerConnection pc) {
      pc.setOnDataChannel(e -> {
        Recorder r = new Recorder(e.channel());
        // The channel's own log starts with the event that announced it.
        r.log.add("datachannel:" + e.channel().readyState().w3cName());
        all.add(r);
        queue.add(r);
      });
    }

    Recorder next() {
      try {
        Recorder r = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (r == null) {
          throw new AssertionError("no datachannel event within " + TIMEOUT_SECONDS + " s");
        }
        return r;
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /**
   * Records one channel's events in order ({@code open}, {@code message}, {@code
   * bufferedamountlow}, {@code error}, {@code closing}, {@code close}), its messages, and futures
   * for open and close.
   */
  static final class Recorder {
    final RTCDataChannel channel;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final LinkedBlockingQueue<MessageEvent.Data> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> opened = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    final List<RTCError> errors = Collections.synchronizedList(new ArrayList<>());

    Recorder(RTCDataChannel channel) {
      this.channel = channel;
      channel.addEventListener(RTCDataChannel.OPEN, e -> {
        log.add("open");
        opened.complete(null);
      });
      channel.addEventListener(RTCDataChannel.MESSAGE, e -> {
        if (log.isEmpty() || !log.get(log.size() - 1).equals("message")) {
          log.add("message");
        }
        messages.add(e.data());
      });
      channel.addEventListener(RTCDataChannel.BUFFEREDAMOUNTLOW, e -> log.add("bufferedamountlow"));
      channel.addEventListener(RTCDataChannel.ERROR, e -> {
        log.add("error:" + e.error().errorDetail().w3cName());
        errors.add(e.error());
      });
      channel.addEventListener(RTCDataChannel.CLOSING, e -> log.add("closing:" + channel.readyState().w3cName()));
      channel.addEventListener(RTCDataChannel.CLOSE, e -> {
        log.add("close:" + channel.readyState().w3cName());
        closed.complete(null);
      });
    }

    MessageEvent.Data next() {
      try {
        MessageEvent.Data d = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (d == null) {
          throw new AssertionError("no message on " + channel + " within " + TIMEOUT_SECONDS + " s; log " + log());
        }
        return d;
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    String nextText() {
      MessageEvent.Data d = next();
      assertThat(d).as("message on %s", channel).isInstanceOf(MessageEvent.Text.class);
      return ((MessageEvent.Text) d).text();
    }

    byte[] nextBinary() {
      MessageEvent.Data d = next();
      assertThat(d).as("message on %s", channel).isInstanceOf(MessageEvent.Binary.class);
      return ((MessageEvent.Binary) d).toArray();
    }

    List<String> log() {
      synchronized (log) {
        return List.copyOf(log);
      }
    }
  }
}
