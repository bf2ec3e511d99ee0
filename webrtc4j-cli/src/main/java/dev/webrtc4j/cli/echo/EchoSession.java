package dev.webrtc4j.cli.echo;

import dev.webrtc4j.RTCDataChannel;
import dev.webrtc4j.RTCException;
import dev.webrtc4j.RTCPeerConnection;
import dev.webrtc4j.RTCPeerConnectionState;
import dev.webrtc4j.RTCSdpType;
import dev.webrtc4j.RTCSessionDescription;
import dev.webrtc4j.RTCSessionDescriptionInit;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One client: an {@link RTCPeerConnection} that answers the client's offer and echoes every data
 * channel the client opens. It closes itself when its connection fails or closes, or when it has
 * not connected within the connect timeout of its answer, and then tells its owner ({@code onClosed}).
 */
final class EchoSession {
  /** setRemoteDescription / setLocalDescription run on the connection's loop; this long is a hang. */
  private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(10);
  /** A retry after send() found the association's shared buffer full. */
  private static final long RETRY_MILLIS = 10;

  private final String id;
  private final EchoServerConfig config;
  private final ScheduledExecutorService timers;
  private final Consumer<EchoSession> onClosed;
  private final RTCPeerConnection pc;
  private final CompletableFuture<Void> gathered = new CompletableFuture<>();
  private final CompletableFuture<String> closed = new CompletableFuture<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicLong backlog = new AtomicLong();
  private volatile @Nullable ScheduledFuture<?> connectTimer;
  private volatile boolean connected;

  /** A rejected offer: the client's fault, answered with 400 and this message. */
  static final class BadOffer extends Exception {
    BadOffer(String message) {
      super(message);
    }
  }

  EchoSession(String id, EchoServerConfig config, ScheduledExecutorService timers, Consumer<EchoSession> onClosed) {
    this.id = id;
    this.config = config;
    this.timers = timers;
    this.onClosed = onClosed;
    this.pc = RTCPeerConnection.create(config.rtcConfiguration(), config.settings());
    pc.addEventListener(RTCPeerConnection.ICECANDIDATE, e -> {
      // W3C: the icecandidate event without a candidate marks the end of gathering; it comes
      // right before icegatheringstatechange to complete.
      if (e.candidate().isEmpty()) {
        gathered.complete(null);
      }
    });
    pc.addEventListener(RTCPeerConnection.CONNECTIONSTATECHANGE, e -> onConnectionStateChange());
    pc.addEventListener(RTCPeerConnection.DATACHANNEL, e -> echo(e.channel()));
  }

  String id() {
    return id;
  }

  /** The session's connection (tests look at it). */
  RTCPeerConnection connection() {
    return pc;
  }

  /** Completes with the reason once the session has closed and freed its connection. */
  CompletableFuture<String> closed() {
    return closed;
  }

  /**
   * Applies the client's offer and returns the complete answer: after ICE gathering completed, or
   * after the gathering timeout with the candidates gathered so far (as browsers do).
   *
   * @throws BadOffer if the connection rejects the offer or cannot answer it
   */
  String answer(String offer) throws BadOffer, InterruptedException {
    try {
      await(pc.setRemoteDescription(new RTCSessionDescriptionInit(RTCSdpType.OFFER, offer)));
    } catch (ExecutionException e) {
      throw new BadOffer("the offer was rejected: " + describe(e.getCause()));
    }
    try {
      await(pc.setLocalDescription());
    } catch (ExecutionException e) {
      throw new BadOffer("cannot answer the offer: " + describe(e.getCause()));
    }
    requireDataSection(offer, pc.localDescription().map(RTCSessionDescription::sdp).orElse(""));
    try {
      gathered.get(config.gatherTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log("ICE gathering did not complete within " + seconds(config.gatherTimeout())
          + "; answering with the candidates gathered so far");
    } catch (ExecutionException e) {
      throw new IllegalStateException("gathered never fails", e);
    }
    String answer = pc.localDescription().map(RTCSessionDescription::sdp).orElseThrow(
        () -> new IllegalStateException("no local description after setLocalDescription"));
    // The client can connect only once it has the answer: the connect timeout starts now.
    Duration t = config.connectTimeout();
    connectTimer = timers.schedule(() -> {
      if (!connected) {
        close("did not connect within " + seconds(t) + " of the answer");
      }
    }, t.toMillis(), TimeUnit.MILLISECONDS);
    if (closing.get()) {
      connectTimer.cancel(false);
      throw new IllegalStateException("the session closed while answering");
    }
    return answer;
  }

  /**
   * An answer that accepts no data channel section leaves nothing to echo (and no transport to
   * gather for): the offer is refused, naming what was offered.
   */
  private static void requireDataSection(String offer, String answer) throws BadOffer {
    boolean accepted = answer.lines().anyMatch(l -> l.startsWith("m=application ") && !l.startsWith("m=application 0 "));
    if (!accepted) {
      java.util.List<String> offered = offer.lines().filter(l -> l.startsWith("m=application ")).toList();
      throw new BadOffer("nothing to echo: no data channel section could be accepted (offered: "
          + (offered.isEmpty() ? "none" : String.join(", ", offered))
          + "; this server takes m=application ... UDP/DTLS/SCTP webrtc-datachannel)");
    }
  }

  /** Closes the connection and frees the session; idempotent, never blocks on the connection's threads. */
  void close(String reason) {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    ScheduledFuture<?> timer = connectTimer;
    if (timer != null) {
      timer.cancel(false);
    }
    // Off the caller's thread: a listener (the connection's dispatch thread) may be the caller.
    timers.execute(() -> {
      try {
        pc.close();
      } finally {
        // Forgotten before the log line and the future: whoever sees either sees it gone.
        onClosed.accept(this);
        log("closed: " + reason);
        closed.complete(reason);
      }
    });
  }

  private void onConnectionStateChange() {
    RTCPeerConnectionState state = pc.connectionState();
    log("connectionState " + state.w3cName());
    switch (state) {
      case CONNECTED -> connected = true;
      case FAILED, CLOSED -> close("connectionState " + state.w3cName());
      case NEW, CONNECTING, DISCONNECTED -> {}
    }
  }

  private void echo(RTCDataChannel channel) {
    String name = "channel '" + channel.label() + "'";
    log(name + " opened (ordered " + channel.ordered()
        + channel.maxRetransmits().stream().mapToObj(n -> ", maxRetransmits " + n).findFirst().orElse("")
        + channel.maxPacketLifeTime().stream().mapToObj(n -> ", maxPacketLifeTime " + n).findFirst().orElse("")
        + ")");
    channel.setBufferedAmountLowThreshold(config.limits().lowWaterBytes());
    ChannelEcho echo = new ChannelEcho(EchoTarget.of(channel), config.limits(), backlog,
        e -> timers.schedule(e::retry, RETRY_MILLIS, TimeUnit.MILLISECONDS), this::log);
    channel.addEventListener(RTCDataChannel.MESSAGE, m -> echo.onMessage(m.data()));
    channel.addEventListener(RTCDataChannel.BUFFEREDAMOUNTLOW, e -> echo.onBufferedAmountLow());
    channel.addEventListener(RTCDataChannel.CLOSE, e -> {
      echo.onClose();
      log(name + " closed after " + echo.echoed() + " echoes");
    });
  }

  private void log(String line) {
    config.log().accept("session " + id + " " + line);
  }

  private static void await(CompletableFuture<?> f) throws ExecutionException, InterruptedException {
    try {
      f.get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the connection did not complete an operation within " + seconds(OPERATION_TIMEOUT), e);
    }
  }

  private static String describe(Throwable t) {
    if (t instanceof RTCException e) {
      return e.name() + ": " + e.getMessage();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
