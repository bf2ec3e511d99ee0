package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.Bytes;
import dev.webrtc4j.internal.util.MalformedPacketException;
import dev.webrtc4j.internal.util.Timer;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * One SCTP association over DTLS (RFC 9260, RFC 8261), with partial reliability (RFC 3758) and
 * stream reset (RFC 6525), sans-I/O: the owner feeds decrypted SCTP packets to {@link
 * #handleDatagram}, due deadlines to {@link #handleTimeout}, and drains {@link #pollTransmit}
 * (one SCTP packet per DTLS record) and {@link #pollEvent}. Time is the caller's monotonic
 * nanoseconds; {@link #pollTransmit} stamps with the time of the latest input.
 *
 * <p>Single path (DTLS hides addresses), single-homed, no restart (§5.2.4 case A) and no I-DATA.
 * Confined to its connection's event loop; not thread-safe. Bad network input never throws: it
 * is dropped, counted in {@link #metrics()} and logged at debug level.
 */
public final class Association {
  private static final System.Logger LOG = System.getLogger(Association.class.getName());
  private static final int COMMON_HEADER = SctpPacket.HEADER_LENGTH;
  /** Receive-buffer overruns tolerated without progress before the peer is aborted. */
  static final int MAX_OVERRUNS = 1000;

  /** Association states (RFC 9260 §4), each carrying only what is valid in it. */
  sealed interface State
      permits Closed, CookieWait, CookieEchoed, Established, ShutdownPending, ShutdownSent, ShutdownReceived,
          ShutdownAckSent {}

  /** No association. {@code terminated}: it existed and ended; nothing restarts it. */
  record Closed(boolean terminated) implements State {}

  /**
   * INIT sent. {@code carried}: DATA already given TSNs by an earlier attempt (bundled with a
   * COOKIE ECHO the peer answered with Stale Cookie); the next TCB takes it over, since the new
   * INIT keeps the same initial TSN. Null when there is none.
   */
  record CookieWait(Timer t1Init, InitChunk init, @Nullable OutstandingQueue carried) implements State {}

  record CookieEchoed(Timer t1Cookie, CookieEchoChunk echo, Tcb tcb) implements State {}

  record Established(Tcb tcb) implements State {}

  record ShutdownPending(Tcb tcb) implements State {}

  record ShutdownSent(Tcb tcb, Timer t2) implements State {}

  record ShutdownReceived(Tcb tcb) implements State {}

  record ShutdownAckSent(Tcb tcb, Timer t2) implements State {}

  /** Transmission Control Block (§14): what exists once both tags are known. */
  final class Tcb {
    final int localTag;
    int peerTag;
    final Tsn localInitialTsn;
    final boolean peerForwardTsn;
    final boolean peerReconfig;
    /** Streams the peer may send on (§5.1.1: our MIS capped by its OS). */
    final int inboundStreams;
    /** Streams we may send on (our OS capped by the peer's MIS). */
    final int outboundStreams;
    final OutstandingQueue out;
    final ReceiveQueue in;
    final RtoEstimator rto;
    final Timer t3 = new Timer("T3-rtx", options.rtoInitialNanos(), Timer.Backoff.FIXED, Timer.UNLIMITED, options.rtoMaxNanos());
    final Timer delayedAck = Timer.oneShot("delayed-SACK", options.delayedAckNanos());
    final Timer heartbeat =
        new Timer("heartbeat", options.heartbeatIntervalNanos(), Timer.Backoff.FIXED, Timer.UNLIMITED, options.heartbeatIntervalNanos());
    final Timer reconfig = new Timer("reconfig", options.rtoInitialNanos(), Timer.Backoff.FIXED, Timer.UNLIMITED, options.rtoMaxNanos());
    int errorCount;
    boolean sackNow;
    int dataPacketsSinceSack;
    boolean forwardTsnNeeded;
    boolean heartbeatOutstanding;
    boolean heartbeatDue;
    final List<Chunk> pendingControl = new ArrayList<>();
    long rttSampleAfter;
    int overruns;
    // RFC 6525 state
    int nextRequestSeq;
    int peerExpectedRequestSeq;
    OutgoingSsnResetRequestParameter requestInFlight;
    ReconfigResponseParameter lastResponse;

    /**
     * @param adopt the send side of an earlier TCB of ours with the same initial TSN (DATA that
     *     went out bundled with a COOKIE ECHO, §5.1 D, before this TCB replaced it), or null
     */
    Tcb(int localTag, int peerTag, Tsn localTsn, Tsn peerTsn, long peerRwnd, int peerFeatures, int inboundStreams,
        int outboundStreams, @Nullable OutstandingQueue adopt) {
      this.inboundStreams = inboundStreams;
      this.outboundStreams = outboundStreams;
      this.localTag = localTag;
      this.peerTag = peerTag;
      this.localInitialTsn = localTsn;
      this.peerForwardTsn = (peerFeatures & 1) != 0;
      this.peerReconfig = (peerFeatures & 2) != 0;
      if (adopt != null) {
        adopt.peerRwnd = Math.max(0, peerRwnd - adopt.flightBytes);
        this.out = adopt;
      } else {
        this.out = new OutstandingQueue(localTsn.unsigned() + (1L << 32), options.mtu(), options.initialCwndMtus(), peerRwnd);
      }
      this.in = new ReceiveQueue(peerTsn, options.receiveBufferBytes(), options.maxReceiveMessageSize(), events::add);
      this.rto = new RtoEstimator(options.rtoInitialNanos(), options.rtoMinNanos(), options.rtoMaxNanos());
      // RFC 6525 §5.1.1/§4.1: request sequence numbers start at the sender's initial TSN.
      this.nextRequestSeq = localTsn.value();
      this.peerExpectedRequestSeq = peerTsn.value();
    }
  }

  /** Counters for stats and tests. */
  public record Metrics(
      long packetsReceived, long packetsSent, long droppedMalformed, long droppedBadChecksum, long droppedBadTag,
      long droppedOther, long retransmissions, long fastRetransmits, long t3Expiries, long receiveOverruns,
      long cwnd, long rtoNanos, long srttNanos) {}

  /** Final but for the MTU, which {@link #setMtu} may set before the association starts. */
  private SctpOptions options;
  private final RandomGenerator random;
  private final StateCookie.Signer signer;
  private final SendQueue sendQueue;
  private final ArrayDeque<ByteBuffer> ready = new ArrayDeque<>();
  /** The chunks of the packet being built (reused: one packet is built at a time). */
  private final List<Chunk> packetChunks = new ArrayList<>();
  /** Messages PR-SCTP abandoned while a packet is built (reused, cleared after use). */
  private final List<SendQueue.Message> abandonedScratch = new ArrayList<>();
  /** CRC32c of every packet we encode (reset per packet). */
  private final CRC32C crc = new CRC32C();
  /** Bytes left free before and after each packet built from the queues ({@link #setPacketRoom}). */
  private int packetHeadroom;
  private int packetTailroom;
  private final ArrayDeque<SctpEvent> events = new ArrayDeque<>();
  private final Set<StreamId> resetQueue = new LinkedHashSet<>();
  private State state = new Closed(false);
  private long now;
  private long maxSendMessageSize;
  private long packetsReceived;
  private long packetsSent;
  private long droppedMalformed;
  private long droppedBadChecksum;
  private long droppedBadTag;
  private long droppedOther;
  private long retransmissions;
  private long t3Expiries;
  private long receiveOverruns;

  /**
   * @param random verification tags and initial TSNs
   * @param secure the cookie secret (32 bytes drawn once)
   */
  public Association(SctpOptions options, RandomGenerator random, SecureRandom secure) {
    this.options = options;
    this.random = random;
    byte[] secret = new byte[32];
    secure.nextBytes(secret);
    this.signer = new StateCookie.Signer(secret);
    this.sendQueue = new SendQueue(options.sendBufferBytes());
    this.maxSendMessageSize = options.maxSendMessageSize();
  }

  // ---------------------------------------------------------------- API

  /** Starts the association (sends INIT). WebRTC calls it on both sides: collisions are handled. */
  public void connect(long nowNanos) {
    now = nowNanos;
    if (!(state instanceof Closed c) || c.terminated()) {
      return;
    }
    InitChunk init = new InitChunk(newTag(), options.receiveBufferBytes(), options.streams(), options.streams(),
        new Tsn(random.nextInt()), List.of(new ForwardTsnSupportedParameter(), supportedExtensions()));
    Timer t1 = new Timer("T1-init", options.t1TimeoutNanos(), Timer.Backoff.EXPONENTIAL, options.maxInitRetransmits(), options.rtoMaxNanos());
    t1.start(now);
    state = new CookieWait(t1, init, null);
    sendPacket(0, init);
  }

  /**
   * Sets the largest SCTP packet we build, before the association starts (before {@link
   * #connect} and before any packet is handled): over DTLS it is the record limit of the
   * negotiated cipher suite, known only once the handshake is done, while the association (and
   * the send queue that channels use) exists before. The TCB sizes cwnd from it.
   *
   * @throws IllegalStateException once the association has started
   * @throws IllegalArgumentException outside 256..65535 (as {@link SctpOptions})
   */
  public void setMtu(int mtu) {
    if (!(state instanceof Closed c) || c.terminated() || packetsReceived > 0) {
      throw new IllegalStateException("the MTU is fixed once the association has started");
    }
    options = options.withMtu(mtu);
  }

  /**
   * Leaves {@code headroom} bytes before and {@code tailroom} bytes after each DATA-carrying
   * packet in its array, so the DTLS engine can protect it in place ({@code
   * DtlsEngine.sendOwned}); 0 and 0 (the default) allocate each packet exactly.
   */
  public void setPacketRoom(int headroom, int tailroom) {
    if (headroom < 0 || tailroom < 0) {
      throw new IllegalArgumentException("negative packet room: " + headroom + ", " + tailroom);
    }
    this.packetHeadroom = headroom;
    this.packetTailroom = tailroom;
  }

  /** The largest SCTP packet we build. */
  public int mtu() {
    return options.mtu();
  }

  /** The peer's a=max-message-size (0 in SDP means "no limit": pass Long.MAX_VALUE). */
  public void setMaxSendMessageSize(long bytes) {
    this.maxSendMessageSize = bytes;
  }

  /**
   * Queues one message, copying {@code payload}. Messages sent before the association is up
   * wait for it. An empty payload is the caller's bug (WebRTC sends PPID 56/57 with one byte).
   */
  public SendResult send(long nowNanos, StreamId stream, int ppid, ByteBuffer payload, SendOptions opts) {
    return enqueue(nowNanos, stream, ppid, payload, opts, true);
  }

  /**
   * Like {@link #send} without the copy: the caller hands {@code payload} over (the API layer has
   * already made its own copy, as W3C {@code send()} requires) and must not change it afterwards.
   */
  public SendResult sendOwned(long nowNanos, StreamId stream, int ppid, ByteBuffer payload, SendOptions opts) {
    return enqueue(nowNanos, stream, ppid, payload, opts, false);
  }

  private SendResult enqueue(long nowNanos, StreamId stream, int ppid, ByteBuffer payload, SendOptions opts, boolean copy) {
    now = nowNanos;
    if (!payload.hasRemaining()) {
      throw new IllegalArgumentException("SCTP cannot carry an empty message (RFC 9260 §6.2); use PPID 56/57");
    }
    switch (state) {
      case Closed c -> {
        if (c.terminated()) {
          return SendResult.CLOSED;
        }
      }
      case CookieWait w -> {}
      case CookieEchoed e -> {}
      case Established e -> {}
      case ShutdownPending p -> {
        return SendResult.CLOSED;
      }
      case ShutdownSent s -> {
        return SendResult.CLOSED;
      }
      case ShutdownReceived r -> {
        return SendResult.CLOSED;
      }
      case ShutdownAckSent s -> {
        return SendResult.CLOSED;
      }
    }
    if (payload.remaining() > maxSendMessageSize) {
      return SendResult.TOO_LARGE;
    }
    Tcb tcb = tcb();
    if (tcb != null && stream.value() >= tcb.outboundStreams) {
      return SendResult.INVALID_STREAM;
    }
    if (sendQueue.stream(stream).resetting) {
      return SendResult.CLOSED;
    }
    if (sendQueue.totalBuffered() + payload.remaining() > options.sendBufferBytes()) {
      return SendResult.QUEUE_FULL;
    }
    ByteBuffer owned;
    if (copy) {
      byte[] bytes = new byte[payload.remaining()];
      payload.duplicate().get(bytes);
      owned = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    } else {
      // A read-only payload (what RTCDataChannel hands over) slices read-only: no second view.
      ByteBuffer slice = payload.slice();
      owned = slice.isReadOnly() ? slice : slice.asReadOnlyBuffer();
    }
    long expires = opts.maxLifetimeNanos() >= 0 ? now + opts.maxLifetimeNanos() : Long.MAX_VALUE;
    boolean ok = sendQueue.add(stream, ppid, owned, opts.ordered(), opts.maxRetransmits(), expires);
    return ok ? SendResult.ACCEPTED : SendResult.QUEUE_FULL;
  }

  /** Bytes of the stream's messages not yet handed to the network. */
  public long bufferedAmount(StreamId stream) {
    return sendQueue.bufferedAmount(stream);
  }

  /**
   * The number of streams each way once established: the W3C maxChannels, min of what both sides
   * offered (RFC 9260 §5.1.1); 0 before.
   */
  public int negotiatedStreams() {
    if (state instanceof Established e) {
      return Math.min(e.tcb().inboundStreams, e.tcb().outboundStreams);
    }
    return 0;
  }

  public long totalBufferedAmount() {
    return sendQueue.totalBuffered();
  }

  public void setBufferedAmountLowThreshold(StreamId stream, long bytes) {
    sendQueue.setLowThreshold(stream, bytes);
  }

  /**
   * Resets our outgoing streams (RFC 6525 Outgoing SSN Reset Request), after the data already
   * queued on them is sent. New sends on them are refused until {@link SctpEvent.StreamsReset}.
   */
  public void resetStreams(long nowNanos, List<StreamId> streams) {
    now = nowNanos;
    for (StreamId s : streams) {
      sendQueue.stream(s).resetting = true;
      resetQueue.add(s);
    }
  }

  /** Graceful close (§9.2): sends what is queued, then SHUTDOWN. */
  public void close(long nowNanos) {
    now = nowNanos;
    switch (state) {
      case Closed c -> {}
      case CookieWait w -> terminate(new SctpEvent.Closed());
      case CookieEchoed e -> terminate(new SctpEvent.Closed());
      case Established e -> {
        state = new ShutdownPending(e.tcb());
        progressShutdown(e.tcb());
      }
      case ShutdownPending p -> {}
      case ShutdownSent s -> {}
      case ShutdownReceived r -> {}
      case ShutdownAckSent s -> {}
    }
  }

  /** Sends ABORT with a User-Initiated Abort cause and ends at once. */
  public void abort(long nowNanos, String reason) {
    now = nowNanos;
    Tcb tcb = tcb();
    if (tcb != null) {
      sendPacket(tcb.peerTag, new AbortChunk(false, List.of(ErrorCause.userInitiatedAbort(reason))));
    }
    if (!(state instanceof Closed)) {
      terminate(new SctpEvent.Aborted(reason, false));
    }
  }

  public boolean isEstablished() {
    return state instanceof Established;
  }

  /** Whether the association ended (closed or aborted). */
  public boolean isTerminated() {
    return state instanceof Closed c && c.terminated();
  }

  State state() {
    return state;
  }

  /** The time of the latest input, for code driven by this association's events. */
  long now() {
    return now;
  }

  /**
   * Bytes the receiver holds for reassembly and ordered delivery (stored fragments and complete
   * messages waiting for an earlier SSN, each charged its payload plus a fixed overhead). A peer
   * cannot push it past the receive buffer with new data; chunks that fill holes may take it up to
   * twice the buffer (see {@code ReceiveQueue}). 0 before the association exists.
   */
  public long receiveBufferedBytes() {
    Tcb t = tcb();
    return t == null ? 0 : t.in.bufferedBytes();
  }

  public Metrics metrics() {
    Tcb t = tcb();
    return new Metrics(packetsReceived, packetsSent, droppedMalformed, droppedBadChecksum, droppedBadTag, droppedOther,
        retransmissions, t == null ? 0 : t.out.fastRetransmitEvents, t3Expiries, receiveOverruns, t == null ? 0 : t.out.cwnd,
        t == null ? options.rtoInitialNanos() : t.rto.rto(), t == null ? 0 : t.rto.srtt());
  }

  // ---------------------------------------------------------------- sans-I/O verbs

  /**
   * One decrypted SCTP packet from DTLS. Never throws for bad bytes. The caller keeps its
   * buffer: the association copies what it keeps (see {@link #handleOwnedDatagram}).
   */
  public void handleDatagram(long nowNanos, ByteBuffer datagram) {
    byte[] copy = new byte[datagram.remaining()];
    datagram.duplicate().get(copy);
    handleOwnedDatagram(nowNanos, ByteBuffer.wrap(copy));
  }

  /**
   * Like {@link #handleDatagram} without the defensive copy: the caller hands the buffer over
   * (a freshly decrypted DTLS record) and must neither change nor reuse it, since received
   * messages may be views of it.
   */
  public void handleOwnedDatagram(long nowNanos, ByteBuffer datagram) {
    now = nowNanos;
    packetsReceived++;
    SctpPacket packet;
    try {
      packet = SctpPacket.parse(datagram);
    } catch (MalformedPacketException e) {
      if (e.getMessage().startsWith("bad CRC32c")) {
        droppedBadChecksum++;
      } else {
        droppedMalformed++;
      }
      LOG.log(Level.DEBUG, "dropping SCTP packet: {0}", e.getMessage());
      return;
    } catch (RuntimeException e) {
      // Records validate in their constructors; a value they refuse is malformed input.
      droppedMalformed++;
      LOG.log(Level.DEBUG, "dropping SCTP packet: {0}", e.toString());
      return;
    }
    if (packet.destinationPort() != options.localPort() || packet.sourcePort() != options.remotePort()) {
      droppedOther++;
      LOG.log(Level.DEBUG, "dropping SCTP packet for ports {0}->{1}", packet.sourcePort(), packet.destinationPort());
      return;
    }
    try {
      handlePacket(packet);
    } catch (RuntimeException e) {
      // A value the codec accepted but the state machine cannot use (e.g. a bad stream id).
      droppedMalformed++;
      LOG.log(Level.DEBUG, "dropping SCTP packet: {0}", e.toString());
    }
  }

  public void handleTimeout(long nowNanos) {
    now = nowNanos;
    switch (state) {
      case Closed c -> {}
      case CookieWait w -> {
        if (w.t1Init().expire(now)) {
          if (w.t1Init().isExhausted()) {
            terminate(new SctpEvent.Aborted("INIT not answered (T1-init exhausted)", false));
          } else {
            LOG.log(Level.DEBUG, "T1-init expired: resending INIT");
            sendPacket(0, w.init());
          }
        }
      }
      case CookieEchoed e -> {
        if (e.t1Cookie().expire(now)) {
          if (e.t1Cookie().isExhausted()) {
            terminate(new SctpEvent.Aborted("COOKIE ECHO not answered (T1-cookie exhausted)", false));
          } else {
            LOG.log(Level.DEBUG, "T1-cookie expired: resending COOKIE ECHO");
            Tcb tcb = e.tcb();
            if (!tcb.out.isEmpty()) {
              // The DATA bundled with it went unanswered too. T1-cookie, not T3-rtx, drives its
              // retransmission until the association is up (as dcSCTP does): one timer, one packet.
              for (SendQueue.Message m : tcb.out.onT3Expiry(now)) {
                sendQueue.discardRest(m);
              }
              checkForwardTsn(tcb);
            }
            ready.add(cookieEchoPacket(tcb, e.echo()));
          }
        }
      }
      case Established e -> tcbTimers(e.tcb());
      case ShutdownPending p -> tcbTimers(p.tcb());
      case ShutdownReceived r -> tcbTimers(r.tcb());
      case ShutdownSent s -> {
        if (tcbTimers(s.tcb()) && s.t2().expire(now)) {
          if (s.t2().isExhausted() || ++s.tcb().errorCount > options.maxRetransmissions()) {
            abortOnError(s.tcb(), "SHUTDOWN not answered (T2-shutdown exhausted)");
          } else {
            sendPacket(s.tcb().peerTag, new ShutdownChunk(s.tcb().in.cumulativeTsn()));
          }
        }
      }
      case ShutdownAckSent s -> {
        if (tcbTimers(s.tcb()) && s.t2().expire(now)) {
          if (s.t2().isExhausted() || ++s.tcb().errorCount > options.maxRetransmissions()) {
            abortOnError(s.tcb(), "SHUTDOWN ACK not answered (T2-shutdown exhausted)");
          } else {
            sendPacket(s.tcb().peerTag, new ShutdownAckChunk());
          }
        }
      }
    }
  }

  /** Runs the timers every connected state has. Returns false when the association ended. */
  private boolean tcbTimers(Tcb tcb) {
    if (tcb.delayedAck.expire(now)) {
      tcb.sackNow = true;
    }
    if (tcb.t3.expire(now)) {
      t3Expiries++;
      // §6.3.3 and §8.2: each expiry counts towards Association.Max.Retrans.
      if (++tcb.errorCount > options.maxRetransmissions()) {
        abortOnError(tcb, "too many retransmissions (T3-rtx)");
        return false;
      }
      LOG.log(Level.DEBUG, "T3-rtx expired: retransmitting, RTO {0} ms", tcb.rto.rto() / 1_000_000);
      tcb.rto.backoff();
      for (SendQueue.Message m : tcb.out.onT3Expiry(now)) {
        sendQueue.discardRest(m);
      }
      checkForwardTsn(tcb);
      if (tcb.out.isEmpty()) {
        tcb.t3.stop();
      } else {
        tcb.t3.setDuration(tcb.rto.rto());
        tcb.t3.start(now);
      }
    }
    if (tcb.heartbeat.expire(now)) {
      if (tcb.heartbeatOutstanding && ++tcb.errorCount > options.maxRetransmissions()) {
        abortOnError(tcb, "heartbeats not answered");
        return false;
      }
      // §8.3: heartbeat an idle path; data in flight already probes it.
      if (tcb.out.isEmpty()) {
        tcb.heartbeatDue = true;
      }
      tcb.heartbeat.setDuration(options.heartbeatIntervalNanos() + tcb.rto.rto());
    }
    if (tcb.reconfig.expire(now)) {
      if (tcb.requestInFlight == null) {
        tcb.reconfig.stop();
      } else if (++tcb.errorCount > options.maxRetransmissions()) {
        abortOnError(tcb, "stream reset not answered");
        return false;
      } else {
        tcb.pendingControl.add(new ReConfigChunk(List.of(tcb.requestInFlight)));
        tcb.reconfig.setDuration(tcb.rto.rto());
      }
    }
    return true;
  }

  /** One SCTP packet to hand to DTLS, or null when there is nothing to send. */
  public ByteBuffer pollTransmit() {
    ByteBuffer b = ready.poll();
    if (b == null) {
      Tcb tcb = switch (state) {
        case Established e -> e.tcb();
        case ShutdownPending p -> p.tcb();
        case ShutdownReceived r -> r.tcb();
        case ShutdownSent s -> s.tcb();
        case ShutdownAckSent s -> s.tcb();
        case Closed c -> null;
        case CookieWait w -> null;
        case CookieEchoed e -> null;
      };
      if (tcb != null) {
        b = buildPacket(tcb);
        if (b == null && tcb.delayedAck.isRunning() && !tcb.sackNow) {
          // nothing now; the delayed SACK goes out when its timer fires
        }
      }
    }
    if (b != null) {
      packetsSent++;
    }
    return b;
  }

  public SctpEvent pollEvent() {
    drainLowEvents();
    return events.poll();
  }

  /** The next deadline (absolute nanos), or {@link Long#MAX_VALUE} when idle. */
  public long pollTimeout() {
    return switch (state) {
      case Closed c -> Long.MAX_VALUE;
      case CookieWait w -> w.t1Init().nextExpiry();
      case CookieEchoed e -> e.t1Cookie().nextExpiry();
      case Established e -> tcbTimeout(e.tcb());
      case ShutdownPending p -> tcbTimeout(p.tcb());
      case ShutdownReceived r -> tcbTimeout(r.tcb());
      case ShutdownSent s -> Math.min(s.t2().nextExpiry(), tcbTimeout(s.tcb()));
      case ShutdownAckSent s -> Math.min(s.t2().nextExpiry(), tcbTimeout(s.tcb()));
    };
  }

  private static long tcbTimeout(Tcb t) {
    return Math.min(Math.min(t.t3.nextExpiry(), t.delayedAck.nextExpiry()), Math.min(t.heartbeat.nextExpiry(), t.reconfig.nextExpiry()));
  }

  // ---------------------------------------------------------------- receive path

  private Tcb tcb() {
    return switch (state) {
      case Closed c -> null;
      case CookieWait w -> null;
      case CookieEchoed e -> e.tcb();
      case Established e -> e.tcb();
      case ShutdownPending p -> p.tcb();
      case ShutdownSent s -> s.tcb();
      case ShutdownReceived r -> r.tcb();
      case ShutdownAckSent s -> s.tcb();
    };
  }

  private int localTagOrZero() {
    if (state instanceof CookieWait w) {
      return w.init().initiateTag();
    }
    Tcb t = tcb();
    return t == null ? 0 : t.localTag;
  }

  private void handlePacket(SctpPacket packet) {
    List<Chunk> chunks = packet.chunks();
    Chunk first = chunks.get(0);
    int tag = packet.verificationTag();
    // §8.5.1 A / §6.10: INIT, INIT ACK and SHUTDOWN COMPLETE are never bundled.
    for (int i = 0; i < chunks.size(); i++) { // indexed: no iterator per packet
      Chunk c = chunks.get(i);
      if ((c instanceof InitChunk || c instanceof InitAckChunk || c instanceof ShutdownCompleteChunk) && chunks.size() > 1) {
        drop("INIT, INIT ACK or SHUTDOWN COMPLETE bundled with other chunks");
        return;
      }
    }
    if (first instanceof InitChunk init) {
      // §8.5.1 A: "...the receiver MUST ... a packet containing an INIT chunk MUST have a zero Verification Tag."
      if (tag != 0) {
        dropBadTag("INIT with non-zero verification tag");
        return;
      }
      handleInit(init);
      return;
    }
    int localTag = localTagOrZero();
    for (int i = 0; i < chunks.size(); i++) {
      if (chunks.get(i) instanceof AbortChunk a) {
        Tcb t = tcb();
        // §8.5.1 B: the tag is ours, or the peer's when the T bit is set.
        boolean ok = localTag != 0 && (a.tagReflected() ? (t != null && tag == t.peerTag) : tag == localTag);
        if (!ok) {
          dropBadTag("ABORT with wrong verification tag");
          return;
        }
        String why = a.causes().isEmpty() ? "ABORT" : a.causes().get(0).describe();
        LOG.log(Level.DEBUG, "peer aborted: {0}", why);
        terminate(new SctpEvent.Aborted(why, true));
        return;
      }
    }
    if (first instanceof ShutdownCompleteChunk sc) {
      Tcb t = tcb();
      boolean ok = localTag != 0 && (sc.tagReflected() ? (t != null && tag == t.peerTag) : tag == localTag);
      if (!ok) {
        dropBadTag("SHUTDOWN COMPLETE with wrong verification tag");
        return;
      }
      if (state instanceof ShutdownAckSent) {
        terminate(new SctpEvent.Closed());
      }
      return;
    }
    int start = 0;
    if (first instanceof CookieEchoChunk echo) {
      if (!handleCookieEcho(tag, echo)) {
        return;
      }
      localTag = localTagOrZero();
      start = 1;
    } else if (localTag == 0 || isTerminated()) {
      handleOutOfTheBlue(packet);
      return;
    } else if (tag != localTag) {
      // §8.5: "...the receiver MUST silently discard the packet" when the tag is not its own.
      if (first instanceof ShutdownAckChunk && state instanceof CookieWait) {
        // §8.4 5 / §8.5.1 E: answered as out of the blue.
        handleOutOfTheBlue(packet);
        return;
      }
      dropBadTag("wrong verification tag");
      return;
    }
    boolean hadData = false;
    List<ErrorCause> unrecognized = null; // made only when an unknown chunk asks to be reported
    for (int i = start; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      boolean stop = false;
      switch (c) {
        case DataChunk d -> {
          hadData = true;
          if (!onData(d)) {
            return;
          }
        }
        case SackChunk s -> onSack(s);
        case HeartbeatChunk h -> {
          Tcb t = tcb();
          if (t != null) {
            // §8.3: "The receiver of the HEARTBEAT chunk SHOULD immediately respond with a HEARTBEAT ACK chunk"
            t.pendingControl.add(new HeartbeatAckChunk(h.info()));
          }
        }
        case HeartbeatAckChunk h -> onHeartbeatAck(h);
        case InitAckChunk ia -> onInitAck(ia);
        case CookieAckChunk ca -> onCookieAck();
        case CookieEchoChunk ce -> drop("COOKIE ECHO not first in packet");
        case ShutdownChunk s -> onShutdown(s);
        case ShutdownAckChunk s -> onShutdownAck();
        case ErrorChunk e -> onError(e);
        case ForwardTsnChunk f -> onForwardTsn(f);
        case ReConfigChunk r -> onReConfig(r);
        case UnknownChunk u -> {
          // §3.2: act on the upper two bits of the chunk type.
          if (u.report()) {
            if (unrecognized == null) {
              unrecognized = new ArrayList<>();
            }
            unrecognized.add(ErrorCause.unrecognizedChunk(u));
          }
          stop = u.stopProcessing();
        }
        case InitChunk in -> {}
        case AbortChunk a -> {}
        case ShutdownCompleteChunk sc -> {}
      }
      if (stop || isTerminated()) {
        break;
      }
    }
    Tcb tcb = tcb();
    if (tcb == null || isTerminated()) {
      return;
    }
    if (unrecognized != null) {
      tcb.pendingControl.add(new ErrorChunk(unrecognized));
    }
    if (tcb.in.oversizedMessage) {
      abortOnError(tcb, "message larger than our max message size", ErrorCause.protocolViolation("message too large"));
      return;
    }
    if (hadData) {
      tcb.dataPacketsSinceSack++;
      // §6.2: "...an acknowledgement SHOULD be generated for at least every second packet ...
      // received, and SHOULD be generated within 200 ms of the arrival of any unacknowledged DATA chunk."
      // §6.7: gaps and duplicates are reported at once.
      // DATA bundled with a COOKIE ECHO is acknowledged with the COOKIE ACK: the peer's T3-rtx
      // starts when it sees that COOKIE ACK, and a delayed SACK would only hold its window.
      if (tcb.dataPacketsSinceSack >= 2 || tcb.in.hasGaps() || !(state instanceof Established) || start == 1) {
        tcb.sackNow = true;
      } else if (!tcb.delayedAck.isRunning()) {
        tcb.delayedAck.start(now);
      }
    }
    // Retransmission marks, new window: the owner drains pollTransmit next.
  }

  /** Returns false when the association ended. */
  private boolean onData(DataChunk d) {
    Tcb tcb = tcb();
    if (tcb == null || state instanceof CookieEchoed) {
      drop("DATA before the association is up");
      return true;
    }
    if (!d.payload().hasRemaining()) {
      // §6.2: "If an endpoint receives a DATA chunk with no user data (i.e., the Length field is
      // set to 16), it MUST send an ABORT with a "No User Data" error cause."
      abortOnError(tcb, "DATA without user data", ErrorCause.noUserData(d.tsn()));
      return false;
    }
    if (d.streamId().value() >= tcb.inboundStreams) {
      // §6.8: "...it SHOULD acknowledge the reception of the DATA chunk following the normal
      // procedure, immediately send an ERROR chunk with cause set to "Invalid Stream Identifier"
      // ... and discard the DATA chunk."
      if (tcb.in.acknowledgeOnly(d.tsn())) {
        tcb.pendingControl.add(new ErrorChunk(List.of(ErrorCause.invalidStreamIdentifier(d.streamId()))));
      }
      tcb.sackNow = true;
      return true;
    }
    switch (tcb.in.onData(d)) {
      case ACCEPTED -> tcb.overruns = 0;
      case DUPLICATE -> tcb.sackNow = true;
      case DROPPED_FULL -> {
        receiveOverruns++;
        tcb.sackNow = true;
        if (++tcb.overruns > MAX_OVERRUNS) {
          abortOnError(tcb, "peer keeps overrunning the receive window", ErrorCause.protocolViolation("receive window overrun"));
          return false;
        }
      }
      case TOO_FAR -> drop("DATA TSN far beyond the window");
    }
    return true;
  }

  private void onSack(SackChunk s) {
    Tcb tcb = tcb();
    if (tcb == null || state instanceof CookieEchoed) {
      return;
    }
    OutstandingQueue.SackResult r = tcb.out.onSack(now, s);
    if (r == null) {
      LOG.log(Level.DEBUG, "ignoring stale or impossible SACK {0}", s.cumulativeTsnAck());
      return;
    }
    if (r.cumAdvanced) {
      // §8.1: "The counter MUST be reset each time a DATA chunk sent to that peer endpoint is acknowledged"
      tcb.errorCount = 0;
    }
    if (r.rttSample != null && r.rttSample.sentAt >= tcb.rttSampleAfter) {
      // §6.3.1 C4/C5: at most one measurement per round trip, never from a retransmitted chunk (Karn).
      tcb.rto.observe(now - r.rttSample.sentAt);
      tcb.rttSampleAfter = now;
    }
    for (SendQueue.Message m : r.abandonedMessages) {
      sendQueue.discardRest(m);
    }
    // §6.3.2 R2: all outstanding data acknowledged: stop T3. R3: the earliest was: restart it.
    if (tcb.out.flightBytes == 0 && tcb.out.toRetransmit == 0) {
      tcb.t3.stop();
    } else if (r.lowestAcked) {
      tcb.t3.setDuration(tcb.rto.rto());
      tcb.t3.start(now);
    }
    checkForwardTsn(tcb);
    progressShutdown(tcb);
  }

  private void checkForwardTsn(Tcb tcb) {
    // RFC 3758 §3.5 C2: after a SACK, "...if the Advanced.Peer.Ack.Point is greater than the
    // Cumulative TSN ACK carried in the received SACK, the data sender MUST send the FORWARD TSN".
    if (tcb.peerForwardTsn && tcb.out.advancedPeerAck < tcb.out.nextTsn && tcb.out.forwardTsn() != null) {
      tcb.forwardTsnNeeded = true;
      if (!tcb.t3.isRunning()) {
        tcb.t3.setDuration(tcb.rto.rto());
        tcb.t3.start(now);
      }
    }
  }

  private void onHeartbeatAck(HeartbeatAckChunk h) {
    Tcb tcb = tcb();
    if (tcb == null) {
      return;
    }
    Bytes info = h.info().info();
    if (info.length() == 8) {
      long sent = info.asReadOnlyBuffer().getLong();
      if (sent <= now && tcb.heartbeatOutstanding) {
        tcb.rto.observe(now - sent);
      }
    }
    tcb.heartbeatOutstanding = false;
    // §8.3: "...the sender of the HEARTBEAT ... SHOULD clear the error counter of the destination
    // transport address ... and the association error counter".
    tcb.errorCount = 0;
  }

  private void onForwardTsn(ForwardTsnChunk f) {
    Tcb tcb = tcb();
    if (tcb == null || state instanceof CookieEchoed) {
      return;
    }
    tcb.in.onForwardTsn(f);
    // RFC 3758 §3.6: the receiver answers a FORWARD TSN with a SACK.
    tcb.sackNow = true;
  }

  private void onShutdown(ShutdownChunk s) {
    Tcb tcb = tcb();
    if (tcb == null || state instanceof CookieEchoed) {
      return;
    }
    // §9.2: SHUTDOWN carries a cumulative ack: process it as one.
    SackChunk asSack = new SackChunk(s.cumulativeTsnAck(), tcb.out.peerRwnd + tcb.out.flightBytes, List.of(), List.of());
    onSack(asSack);
    switch (state) {
      case Established e -> {
        state = new ShutdownReceived(tcb);
        progressShutdown(tcb);
      }
      case ShutdownPending p -> {
        state = new ShutdownReceived(tcb);
        progressShutdown(tcb);
      }
      case ShutdownSent ss -> {
        // §9.2: both sides sent SHUTDOWN: answer with SHUTDOWN ACK.
        Timer t2 = t2(tcb);
        state = new ShutdownAckSent(tcb, t2);
        sendPacket(tcb.peerTag, new ShutdownAckChunk());
      }
      case ShutdownReceived r -> {}
      case ShutdownAckSent a -> {}
      case Closed c -> {}
      case CookieWait w -> {}
      case CookieEchoed e -> {}
    }
  }

  private void onShutdownAck() {
    Tcb tcb = tcb();
    if (tcb == null) {
      return;
    }
    if (state instanceof ShutdownSent || state instanceof ShutdownAckSent) {
      // §9.2: "Upon the receipt of the SHUTDOWN ACK chunk, the sender of the SHUTDOWN chunk MUST
      // stop the T2-shutdown timer, send a SHUTDOWN COMPLETE chunk to its peer, and remove all record of the association."
      sendPacket(tcb.peerTag, new ShutdownCompleteChunk(false));
      terminate(new SctpEvent.Closed());
    }
  }

  private void onError(ErrorChunk e) {
    for (ErrorCause c : e.causes()) {
      LOG.log(Level.DEBUG, "peer reports error: {0}", c.describe());
      if (c.code() == ErrorCause.STALE_COOKIE && state instanceof CookieEchoed ce) {
        // §5.2.6: the receiver of a Stale Cookie error may start over with a fresh INIT.
        InitChunk init = new InitChunk(ce.tcb().localTag, options.receiveBufferBytes(), options.streams(), options.streams(),
            ce.tcb().localInitialTsn, List.of(new ForwardTsnSupportedParameter(), supportedExtensions()));
        Timer t1 = new Timer("T1-init", options.t1TimeoutNanos(), Timer.Backoff.EXPONENTIAL, options.maxInitRetransmits(), options.rtoMaxNanos());
        t1.start(now);
        // DATA bundled with the refused COOKIE ECHO keeps its TSNs: the next TCB takes it over.
        state = new CookieWait(t1, init, ce.tcb().out.isEmpty() ? null : ce.tcb().out);
        sendPacket(0, init);
        return;
      }
    }
  }

  private void progressShutdown(Tcb tcb) {
    boolean drained = sendQueue.isEmpty() && tcb.out.isEmpty();
    if (!drained) {
      return;
    }
    if (state instanceof ShutdownPending) {
      // §9.2: "...once all its outstanding data has been acknowledged, the endpoint MUST send a
      // SHUTDOWN chunk to its peer ... start the T2-shutdown timer and enter the SHUTDOWN-SENT state."
      state = new ShutdownSent(tcb, t2(tcb));
      sendPacket(tcb.peerTag, new ShutdownChunk(tcb.in.cumulativeTsn()));
    } else if (state instanceof ShutdownReceived) {
      state = new ShutdownAckSent(tcb, t2(tcb));
      sendPacket(tcb.peerTag, new ShutdownAckChunk());
    }
  }

  private Timer t2(Tcb tcb) {
    Timer t = new Timer("T2-shutdown", tcb.rto.rto(), Timer.Backoff.EXPONENTIAL, options.maxRetransmissions(), options.rtoMaxNanos());
    t.start(now);
    return t;
  }

  // ---------------------------------------------------------------- set-up

  private void handleInit(InitChunk init) {
    if (init.initiateTag() == 0) {
      // §3.3.2: "If the value of the Initiate Tag in a received INIT chunk is found to be 0, the
      // receiver MUST silently discard the packet."
      drop("INIT with initiate tag 0");
      return;
    }
    if (init.outboundStreams() == 0 || init.inboundStreams() == 0) {
      // §3.3.2: zero streams: "the receiver ... SHOULD abort the association" (ABORT with its tag).
      sendPacket(init.initiateTag(), new AbortChunk(false, List.of(new ErrorCause(ErrorCause.INVALID_MANDATORY_PARAMETER, Bytes.EMPTY))));
      return;
    }
    int localTag;
    Tsn localTsn;
    switch (state) {
      case Closed c -> {
        if (c.terminated()) {
          drop("INIT after the association ended");
          return;
        }
        localTag = newTag();
        localTsn = new Tsn(random.nextInt());
      }
      case CookieWait w -> {
        // §5.2.1: "...respond with an INIT ACK chunk using the same parameters it sent in its
        // original INIT chunk (including its Initiate Tag, unchanged)".
        localTag = w.init().initiateTag();
        localTsn = w.init().initialTsn();
      }
      case CookieEchoed e -> {
        localTag = e.tcb().localTag;
        localTsn = e.tcb().localInitialTsn;
      }
      case Established e -> {
        drop("INIT in ESTABLISHED (peer restart is not supported)");
        return;
      }
      case ShutdownPending p -> {
        drop("INIT while shutting down");
        return;
      }
      case ShutdownSent s -> {
        drop("INIT while shutting down");
        return;
      }
      case ShutdownReceived r -> {
        drop("INIT while shutting down");
        return;
      }
      case ShutdownAckSent s -> {
        // §9.2: answered with SHUTDOWN ACK.
        sendPacket(s.tcb().peerTag, new ShutdownAckChunk());
        return;
      }
    }
    int features = 0;
    List<Parameter> params = new ArrayList<>();
    for (Parameter p : init.parameters()) {
      if (p instanceof ForwardTsnSupportedParameter) {
        features |= 1;
      } else if (p instanceof SupportedExtensionsParameter se) {
        if (se.supports(Chunk.FORWARD_TSN)) {
          features |= 1;
        }
        if (se.supports(Chunk.RE_CONFIG)) {
          features |= 2;
        }
      } else if (p instanceof UnknownParameter u) {
        // §3.2.1: report when the second bit says so; stop when the first bit is clear.
        if (u.report()) {
          ByteBuffer b = ByteBuffer.allocate(u.encodedLength());
          u.writeTo(b);
          params.add(new UnrecognizedParameter(Bytes.wrapOwned(b.array())));
        }
        if (u.stopProcessing()) {
          break;
        }
      }
    }
    int os = Math.min(options.streams(), init.inboundStreams());
    int is = Math.min(options.streams(), init.outboundStreams());
    StateCookie cookie = new StateCookie(localTag, init.initiateTag(), localTsn, init.initialTsn(), init.advertisedWindow(),
        os, is, features, now, options.cookieLifetimeNanos());
    params.add(0, new StateCookieParameter(cookie.encode(signer)));
    params.add(new ForwardTsnSupportedParameter());
    params.add(supportedExtensions());
    // §5.1: the INIT ACK goes to the INIT's Initiate Tag; no state is kept (the cookie has it all).
    sendPacket(init.initiateTag(),
        new InitAckChunk(localTag, options.receiveBufferBytes(), options.streams(), options.streams(), localTsn, params));
  }

  private void onInitAck(InitAckChunk ack) {
    if (!(state instanceof CookieWait w)) {
      // §5.2.3: "...an unexpected INIT ACK ... MUST be discarded".
      drop("unexpected INIT ACK");
      return;
    }
    StateCookieParameter cookie = ack.cookie();
    if (cookie == null || ack.initiateTag() == 0) {
      drop("INIT ACK without State Cookie or with tag 0");
      return;
    }
    int features = 0;
    for (Parameter p : ack.parameters()) {
      if (p instanceof ForwardTsnSupportedParameter) {
        features |= 1;
      } else if (p instanceof SupportedExtensionsParameter se) {
        features |= (se.supports(Chunk.FORWARD_TSN) ? 1 : 0) | (se.supports(Chunk.RE_CONFIG) ? 2 : 0);
      }
    }
    OutstandingQueue carried = w.carried();
    // Sent under a cookie the peer refused as stale: it holds none of it. Marked before the TCB
    // takes the queue over, so that the peer's window is charged only for what is resent.
    List<SendQueue.Message> abandonedByRestart = carried == null ? List.of() : carried.onT3Expiry(now);
    Tcb tcb = new Tcb(w.init().initiateTag(), ack.initiateTag(), w.init().initialTsn(), ack.initialTsn(), ack.advertisedWindow(), features,
        Math.min(options.streams(), ack.outboundStreams()), Math.min(options.streams(), ack.inboundStreams()), carried);
    for (SendQueue.Message m : abandonedByRestart) {
      sendQueue.discardRest(m);
    }
    if (carried != null) {
      checkForwardTsn(tcb);
    }
    CookieEchoChunk echo = new CookieEchoChunk(cookie.cookie());
    Timer t1 = new Timer("T1-cookie", options.t1TimeoutNanos(), Timer.Backoff.EXPONENTIAL, options.maxInitRetransmits(), options.rtoMaxNanos());
    t1.start(now);
    state = new CookieEchoed(t1, echo, tcb);
    ready.add(cookieEchoPacket(tcb, echo));
  }

  /**
   * The COOKIE ECHO packet, with as much queued DATA as fits behind it. §5.1 D: "The COOKIE ECHO
   * chunk can be bundled with any pending outbound DATA chunks, but it MUST be the first chunk in
   * the packet and until the COOKIE ACK chunk is returned the sender MUST NOT send any other
   * packets to the peer." So a channel opened before the association was up has its DCEP OPEN
   * (and maybe its first messages) at the peer with the COOKIE ECHO, one round trip earlier than
   * after the COOKIE ACK. The DATA is outstanding as usual (flight, peer window, RTT sample), but
   * T3-rtx stays off until the association is up: T1-cookie resends this packet (as dcSCTP).
   */
  private ByteBuffer cookieEchoPacket(Tcb tcb, CookieEchoChunk echo) {
    int mtu = options.mtu();
    List<Chunk> chunks = packetChunks;
    chunks.clear();
    chunks.add(echo);
    int space = mtu - COMMON_HEADER - echo.encodedLength();
    OutstandingQueue out = tcb.out;
    List<SendQueue.Message> abandoned = abandonedScratch;
    abandoned.clear();
    // What an earlier COOKIE ECHO carried comes first (marked by the caller when resending).
    while (out.toRetransmit > 0) {
      OutstandingQueue.Item it = out.nextRetransmission(now, abandoned);
      if (it == null || it.chunk.encodedLength() > space) {
        break;
      }
      chunks.add(it.chunk);
      space -= it.chunk.encodedLength();
      out.retransmitted(it, now);
      retransmissions++;
    }
    for (int i = 0; i < abandoned.size(); i++) {
      sendQueue.discardRest(abandoned.get(i));
    }
    if (!abandoned.isEmpty()) {
      abandoned.clear();
      checkForwardTsn(tcb); // said once the association is up: no FORWARD TSN before the COOKIE ACK
    }
    if (out.toRetransmit == 0) {
      space = addNewData(out, chunks, space);
    }
    ByteBuffer packet = SctpPacket.encode(options.localPort(), options.remotePort(), tcb.peerTag, chunks,
        mtu - COMMON_HEADER - space, crc, packetHeadroom, packetTailroom);
    chunks.clear();
    return packet;
  }

  /** Returns false when the packet must not be processed further. */
  private boolean handleCookieEcho(int packetTag, CookieEchoChunk echo) {
    StateCookie c;
    try {
      c = StateCookie.decode(echo.cookie(), signer);
    } catch (MalformedPacketException e) {
      droppedMalformed++;
      LOG.log(Level.DEBUG, "dropping COOKIE ECHO: {0}", e.getMessage());
      return false;
    }
    // §5.1.5 / §8.5.1 D: the packet's tag must be the one in our cookie.
    if (packetTag != c.localTag()) {
      dropBadTag("COOKIE ECHO with a tag not matching its cookie");
      return false;
    }
    if (c.isStale(now)) {
      // §5.1.5 3: "If the State Cookie is ... expired, ... the endpoint MUST send an ERROR chunk
      // with a "Stale Cookie" error cause to the peer endpoint."
      long micros = (now - c.createdAtNanos() - c.lifetimeNanos()) / 1000;
      sendPacket(c.peerTag(), new ErrorChunk(List.of(ErrorCause.staleCookie(micros))));
      drop("stale cookie");
      return false;
    }
    switch (state) {
      case Closed cl -> {
        if (cl.terminated()) {
          drop("COOKIE ECHO after the association ended");
          return false;
        }
        establishFromCookie(c, null);
      }
      case CookieWait w -> {
        if (c.localTag() != w.init().initiateTag()) {
          drop("COOKIE ECHO for another association");
          return false;
        }
        establishFromCookie(c, null);
      }
      case CookieEchoed e -> {
        Tcb t = e.tcb();
        if (c.localTag() == t.localTag && c.peerTag() == t.peerTag) {
          // §5.2.4 D: both tags match: the association is up.
          state = new Established(t);
          onEstablished(t);
        } else if (c.localTag() == t.localTag) {
          // §5.2.4 B: our tag matches, the peer's is new (INIT collision): take the cookie's. Our
          // initial TSN is the same in both (an INIT ACK repeats the INIT's, §5.2.1), so DATA
          // that went out with our COOKIE ECHO keeps its TSNs in the new TCB.
          establishFromCookie(c, c.localInitialTsn().equals(t.localInitialTsn) ? t.out : null);
          return sendCookieAck();
        } else {
          drop("COOKIE ECHO with foreign tags (§5.2.4 C or restart)");
          return false;
        }
      }
      case Established e -> {
        if (!cookieMatches(c, e.tcb())) {
          return false;
        }
      }
      case ShutdownPending p -> {
        if (!cookieMatches(c, p.tcb())) {
          return false;
        }
      }
      case ShutdownSent s -> {
        if (!cookieMatches(c, s.tcb())) {
          return false;
        }
      }
      case ShutdownReceived r -> {
        if (!cookieMatches(c, r.tcb())) {
          return false;
        }
      }
      case ShutdownAckSent s -> {
        if (!cookieMatches(c, s.tcb())) {
          return false;
        }
      }
    }
    return sendCookieAck();
  }

  private boolean cookieMatches(StateCookie c, Tcb t) {
    // §5.2.4 D: a retransmitted COOKIE ECHO of this association is acknowledged again; anything
    // else (A: restart, C: old) is dropped.
    if (c.localTag() == t.localTag && c.peerTag() == t.peerTag) {
      return true;
    }
    drop("COOKIE ECHO for another incarnation");
    return false;
  }

  private boolean sendCookieAck() {
    Tcb t = tcb();
    if (t != null) {
      t.pendingControl.add(new CookieAckChunk());
    }
    return true;
  }

  private void establishFromCookie(StateCookie c, @Nullable OutstandingQueue adopt) {
    Tcb t = new Tcb(c.localTag(), c.peerTag(), c.localInitialTsn(), c.peerInitialTsn(), c.peerRwnd(), c.peerFeatures(),
        c.inboundStreams(), c.outboundStreams(), adopt);
    state = new Established(t);
    onEstablished(t);
  }

  private void onCookieAck() {
    if (state instanceof CookieEchoed e) {
      state = new Established(e.tcb());
      onEstablished(e.tcb());
    }
  }

  private void onEstablished(Tcb t) {
    t.heartbeat.setDuration(options.heartbeatIntervalNanos() + t.rto.rto());
    t.heartbeat.start(now);
    if (!t.out.isEmpty() || t.forwardTsnNeeded) {
      // DATA bundled with our COOKIE ECHO is still unacknowledged: from now on T3-rtx guards it
      // (§6.3.2 R1), as it would have had it been sent now.
      t.t3.setDuration(t.rto.rto());
      t.t3.start(now);
    }
    events.add(new SctpEvent.Associated());
  }

  private void handleOutOfTheBlue(SctpPacket packet) {
    // §8.4: "An SCTP packet is called an 'out of the blue' (OOTB) packet if it is correctly
    // formed ... but the receiver is not able to identify the association to which this packet belongs."
    for (Chunk c : packet.chunks()) {
      switch (c) {
        case AbortChunk a -> {
          return; // 2: "...MUST silently discard"
        }
        case ShutdownAckChunk s -> {
          // 5: "...SHOULD respond ... with a SHUTDOWN COMPLETE ... with the T bit set".
          sendPacket(packet.verificationTag(), new ShutdownCompleteChunk(true));
          return;
        }
        case ShutdownCompleteChunk s -> {
          return; // 6
        }
        case ErrorChunk e -> {
          return; // 7: Stale Cookie errors and the like are discarded
        }
        case CookieAckChunk ca -> {
          return; // 7
        }
        default -> {}
      }
    }
    droppedBadTag++;
    // 8: "...the receiver SHOULD respond to the sender of the OOTB packet with an ABORT ... with the T bit set".
    sendPacket(packet.verificationTag(), new AbortChunk(true, List.of()));
  }

  // ---------------------------------------------------------------- stream reset (RFC 6525)

  private void onReConfig(ReConfigChunk r) {
    Tcb tcb = tcb();
    if (tcb == null || state instanceof CookieEchoed) {
      return;
    }
    List<Parameter> responses = new ArrayList<>();
    for (Parameter p : r.parameters()) {
      switch (p) {
        case OutgoingSsnResetRequestParameter req -> responses.add(onPeerOutgoingReset(tcb, req));
        case IncomingSsnResetRequestParameter req ->
            // We never let the peer reset our streams for us; WebRTC uses outgoing resets only.
            responses.add(new ReconfigResponseParameter(req.requestSeq(), ReconfigResponseParameter.DENIED));
        case ReconfigResponseParameter resp -> onReconfigResponse(tcb, resp);
        default -> LOG.log(Level.DEBUG, "ignoring RE-CONFIG parameter {0}", p.type());
      }
    }
    if (!responses.isEmpty()) {
      tcb.pendingControl.add(new ReConfigChunk(responses));
    }
  }

  private ReconfigResponseParameter onPeerOutgoingReset(Tcb tcb, OutgoingSsnResetRequestParameter req) {
    int seq = req.requestSeq();
    if (seq == tcb.peerExpectedRequestSeq - 1 && tcb.lastResponse != null) {
      // §5.2.1: a retransmitted request gets the same answer.
      return tcb.lastResponse;
    }
    if (seq != tcb.peerExpectedRequestSeq) {
      return new ReconfigResponseParameter(seq, ReconfigResponseParameter.ERROR_BAD_SEQUENCE_NUMBER);
    }
    if (!tcb.in.cumulativeReached(req.senderLastAssignedTsn())) {
      // §5.2.2: "If the Sender's Last Assigned TSN is greater than the cumulative acknowledgment
      // point, then the endpoint MUST enter 'deferred reset processing'." We answer In Progress
      // and the peer repeats the request, by which time the data has arrived.
      return new ReconfigResponseParameter(seq, ReconfigResponseParameter.IN_PROGRESS);
    }
    tcb.in.resetIncoming(req.streams());
    tcb.peerExpectedRequestSeq++;
    tcb.lastResponse = new ReconfigResponseParameter(seq, ReconfigResponseParameter.SUCCESS_PERFORMED);
    events.add(new SctpEvent.StreamsReset(req.streams(), true));
    return tcb.lastResponse;
  }

  private void onReconfigResponse(Tcb tcb, ReconfigResponseParameter resp) {
    OutgoingSsnResetRequestParameter req = tcb.requestInFlight;
    if (req == null || resp.responseSeq() != req.requestSeq()) {
      return;
    }
    switch (resp.result()) {
      case ReconfigResponseParameter.SUCCESS_PERFORMED, ReconfigResponseParameter.SUCCESS_NOTHING_TO_DO -> {
        sendQueue.resetSsns(req.streams());
        tcb.requestInFlight = null;
        tcb.nextRequestSeq++;
        tcb.reconfig.stop();
        tcb.errorCount = 0;
        events.add(new SctpEvent.StreamsReset(req.streams(), false));
      }
      case ReconfigResponseParameter.IN_PROGRESS -> {
        // Ask again after a round trip, same sequence number.
        tcb.reconfig.setDuration(tcb.rto.rto());
        tcb.reconfig.start(now);
      }
      default -> {
        tcb.requestInFlight = null;
        tcb.nextRequestSeq++;
        tcb.reconfig.stop();
        for (StreamId s : req.streams()) {
          sendQueue.stream(s).resetting = false;
        }
        events.add(new SctpEvent.StreamResetFailed(req.streams(), "peer answered result " + resp.result()));
      }
    }
  }

  /** Builds the next Outgoing SSN Reset Request when one can go (one at a time, §5.1.1). */
  private OutgoingSsnResetRequestParameter nextResetRequest(Tcb tcb) {
    if (tcb.requestInFlight != null || resetQueue.isEmpty() || !(state instanceof Established)) {
      return null;
    }
    List<StreamId> readyStreams = new ArrayList<>();
    for (StreamId s : resetQueue) {
      if (!sendQueue.hasQueued(s)) {
        readyStreams.add(s);
      }
    }
    if (readyStreams.isEmpty()) {
      return null;
    }
    readyStreams.forEach(resetQueue::remove);
    OutgoingSsnResetRequestParameter req = new OutgoingSsnResetRequestParameter(tcb.nextRequestSeq,
        tcb.peerExpectedRequestSeq - 1, new Tsn((int) (tcb.out.nextTsn - 1)), readyStreams);
    tcb.requestInFlight = req;
    tcb.reconfig.setDuration(tcb.rto.rto());
    tcb.reconfig.start(now);
    return req;
  }

  // ---------------------------------------------------------------- transmit path

  private ByteBuffer buildPacket(Tcb tcb) {
    int mtu = options.mtu();
    int space = mtu - COMMON_HEADER;
    List<Chunk> chunks = packetChunks;
    chunks.clear();
    // Control chunks first, as dcSCTP and usrsctp do: acks and resets are small and urgent.
    for (int i = 0; i < tcb.pendingControl.size(); ) {
      Chunk c = tcb.pendingControl.get(i);
      if (c.encodedLength() > space && !chunks.isEmpty()) {
        break;
      }
      chunks.add(c);
      space -= c.encodedLength();
      tcb.pendingControl.remove(i);
    }
    // A delayed SACK rides along with outgoing DATA rather than waiting for its timer.
    boolean dataToSend = !sendQueue.isEmpty() || tcb.out.toRetransmit > 0;
    if (tcb.sackNow || (tcb.delayedAck.isRunning() && dataToSend)) {
      SackChunk sack = tcb.in.buildSack();
      if (sack.encodedLength() <= space) {
        chunks.add(sack);
        space -= sack.encodedLength();
        tcb.sackNow = false;
        tcb.dataPacketsSinceSack = 0;
        tcb.delayedAck.stop();
      }
    }
    SendQueue.Message expired = sendQueue.expiredPartial(now);
    if (expired != null) {
      // RFC 3758 §3.5 A1: the lifetime ran out while the message was being fragmented. Its rest is
      // never sent; abandon() reserves the end-fragment TSN so that the FORWARD TSN can skip it.
      List<SendQueue.Message> abandoned = new ArrayList<>();
      tcb.out.abandon(expired, abandoned);
      for (SendQueue.Message m : abandoned) {
        sendQueue.discardRest(m);
      }
      checkForwardTsn(tcb);
    }
    space = addForwardTsn(tcb, chunks, space);
    if (tcb.heartbeatDue) {
      ByteBuffer info = ByteBuffer.allocate(8).putLong(now);
      HeartbeatChunk hb = HeartbeatChunk.of(Bytes.wrapOwned(info.array()));
      if (hb.encodedLength() <= space) {
        chunks.add(hb);
        space -= hb.encodedLength();
        tcb.heartbeatDue = false;
        tcb.heartbeatOutstanding = true;
      }
    }
    OutgoingSsnResetRequestParameter req = nextResetRequest(tcb);
    if (req != null) {
      ReConfigChunk rc = new ReConfigChunk(List.of(req));
      chunks.add(rc);
      space -= rc.encodedLength();
    }
    boolean dataAdded = false;
    if (state instanceof Established || state instanceof ShutdownPending || state instanceof ShutdownReceived
        || state instanceof ShutdownSent) {
      OutstandingQueue out = tcb.out;
      List<SendQueue.Message> abandoned = abandonedScratch;
      abandoned.clear();
      // Retransmissions before new data (§6.1).
      while (out.toRetransmit > 0) {
        if (!out.fastRetransmitNow && out.flightBytes >= out.cwnd) {
          break;
        }
        OutstandingQueue.Item it = out.nextRetransmission(now, abandoned);
        if (it == null || it.chunk.encodedLength() > space) {
          break;
        }
        chunks.add(it.chunk);
        space -= it.chunk.encodedLength();
        out.retransmitted(it, now);
        retransmissions++;
        dataAdded = true;
      }
      if (dataAdded) {
        out.fastRetransmitNow = false;
      }
      for (int i = 0; i < abandoned.size(); i++) {
        sendQueue.discardRest(abandoned.get(i));
      }
      if (!abandoned.isEmpty()) {
        abandoned.clear();
        checkForwardTsn(tcb);
        // Said now, not with the next packet, which may be long in coming if nothing else is due.
        space = addForwardTsn(tcb, chunks, space);
      }
      boolean newDataAllowed = !(state instanceof ShutdownSent) && out.toRetransmit == 0;
      if (newDataAllowed) {
        int before = space;
        space = addNewData(out, chunks, space);
        dataAdded |= space != before;
      }
    }
    if (chunks.isEmpty()) {
      return null;
    }
    if (dataAdded && !tcb.t3.isRunning()) {
      // §6.3.2 R1: "Every time a DATA chunk is sent ... if the T3-rtx timer of that address is not
      // running, start it running so that it will expire after the RTO of that address."
      tcb.t3.setDuration(tcb.rto.rto());
      tcb.t3.start(now);
    }
    drainLowEvents();
    ByteBuffer packet = SctpPacket.encode(options.localPort(), options.remotePort(), tcb.peerTag, chunks,
        mtu - COMMON_HEADER - space, crc, packetHeadroom, packetTailroom);
    chunks.clear(); // the queues keep what they need; this list must not pin the rest
    return packet;
  }

  /**
   * Adds new DATA from the send queue while the windows allow and the packet has room; returns
   * the space left. §6.1 B: "...the sender MAY exceed cwnd by up to (PMTU-1) bytes on a new
   * transmission if the cwnd is not currently exceeded." So cwnd is checked once, when the
   * packet's first new DATA goes in, and the packet is then filled: a message's tail and the next
   * message's head share a packet instead of the tail going out alone because it reached cwnd.
   */
  private int addNewData(OutstandingQueue out, List<Chunk> chunks, int space) {
    boolean cwndOpen = out.flightBytes < out.cwnd;
    while (cwndOpen && (out.peerRwnd > 0 || out.flightBytes == 0)) {
      int maxPayload = (space - DataChunk.HEADER_LENGTH) & ~3;
      if (maxPayload < 64) {
        break;
      }
      long tsn = out.nextTsn;
      DataChunk c = sendQueue.next(now, maxPayload, tsn);
      if (c == null) {
        break;
      }
      out.nextTsn++;
      out.add(new OutstandingQueue.Item(tsn, c, sendQueue.lastMessage, now));
      chunks.add(c);
      space -= c.encodedLength();
    }
    return space;
  }

  /** Adds the FORWARD TSN if one is needed and fits; returns the space left. */
  private int addForwardTsn(Tcb tcb, List<Chunk> chunks, int space) {
    if (tcb.forwardTsnNeeded) {
      ForwardTsnChunk f = tcb.out.forwardTsn();
      if (f == null) {
        tcb.forwardTsnNeeded = false;
      } else if (f.encodedLength() <= space) {
        chunks.add(f);
        space -= f.encodedLength();
        tcb.forwardTsnNeeded = false;
      }
    }
    return space;
  }

  private void drainLowEvents() {
    if (!sendQueue.hasLowEvents() || state instanceof CookieEchoed) {
      // Called for every packet and event poll: no iterator over an empty list. DATA that left
      // with the COOKIE ECHO lowers the buffered amount before the association is up; its event
      // waits so that the owner hears Associated first.
      return;
    }
    for (StreamId s : sendQueue.drainLowEvents()) {
      events.add(new SctpEvent.BufferedAmountLow(s));
    }
  }

  private void sendPacket(int tag, Chunk chunk) {
    ready.add(SctpPacket.encode(options.localPort(), options.remotePort(), tag, List.of(chunk), chunk.encodedLength(), crc));
  }

  // ---------------------------------------------------------------- helpers

  private void abortOnError(Tcb tcb, String reason) {
    abortOnError(tcb, reason, ErrorCause.protocolViolation(reason));
  }

  private void abortOnError(Tcb tcb, String reason, ErrorCause cause) {
    LOG.log(Level.DEBUG, "aborting association: {0}", reason);
    sendPacket(tcb.peerTag, new AbortChunk(false, List.of(cause)));
    terminate(new SctpEvent.Aborted(reason, false));
  }

  private void terminate(SctpEvent event) {
    state = new Closed(true);
    events.add(event);
  }

  private void drop(String why) {
    droppedOther++;
    LOG.log(Level.DEBUG, "dropping SCTP input: {0}", why);
  }

  private void dropBadTag(String why) {
    droppedBadTag++;
    LOG.log(Level.DEBUG, "dropping SCTP input: {0}", why);
  }

  private int newTag() {
    int t;
    do {
      t = random.nextInt();
    } while (t == 0);
    return t;
  }

  private static SupportedExtensionsParameter supportedExtensions() {
    return SupportedExtensionsParameter.of(Chunk.RE_CONFIG, Chunk.FORWARD_TSN);
  }
}
