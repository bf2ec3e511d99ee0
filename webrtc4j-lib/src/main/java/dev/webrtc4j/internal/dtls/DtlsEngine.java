package dev.webrtc4j.internal.dtls;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The sans-I/O DTLS seam: one DTLS 1.2 association (RFC 6347) over one ICE transport, for WebRTC
 * (RFC 8827, DTLS-SRTP per RFC 5764, fingerprints per RFC 8122).
 *
 * <p>Driven by its owner's event loop with the usual verbs: feed datagrams and timeouts with the
 * loop's {@code now} (monotonic nanoseconds), then drain {@link #pollTransmit()} and {@link
 * #pollEvent()} until both return null, and wait until {@link #pollTimeout()}. All methods are to
 * be called from that one loop thread and never block.
 *
 * <p>Implementations: {@link BcDtlsEngine} (BouncyCastle; its handshake runs on its own virtual
 * thread, which may produce output between loop calls and then runs the configured {@linkplain
 * DtlsConfig#wakeup() wakeup}), and the test kit's {@code FakeDtlsEngine} for simulations.
 */
public interface DtlsEngine {
  /** Creates the BouncyCastle engine ({@link DtlsEngineFactory#BOUNCY_CASTLE}); nothing happens until {@link #start(long)}. */
  static DtlsEngine create(DtlsConfig config) {
    return DtlsEngineFactory.BOUNCY_CASTLE.create(config);
  }

  /** Starts the handshake: a client sends its ClientHello, a server begins to listen. */
  void start(long now);

  /**
   * Takes one received datagram that holds DTLS records (first byte 20..63, RFC 7983; the caller
   * demultiplexed). Bytes are copied or consumed before the call returns. Bad input never throws:
   * it is dropped and counted, or, where the RFC says so, fails the association with an event.
   */
  void handleDatagram(long now, ByteBuffer datagram);

  /** Tells the engine that {@code now} reached (or passed) {@link #pollTimeout()}. */
  void handleTimeout(long now);

  /** The next datagram to send, owned by the caller, or null when there is none. */
  @Nullable ByteBuffer pollTransmit();

  /** The next event, or null when there is none. */
  @Nullable DtlsEvent pollEvent();

  /** When the engine next wants {@link #handleTimeout(long)}: absolute nanos, {@link Long#MAX_VALUE} when idle. */
  long pollTimeout();

  /**
   * Sends one application-data record. Requires {@link DtlsState#CONNECTED}.
   *
   * @throws IllegalStateException when not connected
   * @throws IllegalArgumentException when {@code data} is empty or exceeds {@link #maxApplicationDataSize()}
   */
  void send(ByteBuffer data);

  /**
   * As {@link #send}, for a buffer the caller hands over: with {@link #recordHeadroom()} bytes
   * free in its array before {@code data} and {@link #recordTailroom()} after, the engine may
   * protect the record in place and send that array. The caller must not touch the array again.
   */
  default void sendOwned(ByteBuffer data) {
    send(data);
  }

  /** Bytes a buffer for {@link #sendOwned} should leave free before its data (0: no in-place protection). */
  default int recordHeadroom() {
    return 0;
  }

  /** Bytes a buffer for {@link #sendOwned} should leave free after its data. */
  default int recordTailroom() {
    return 0;
  }

  /** The most plaintext one record can carry within the configured MTU; 0 before connected. */
  int maxApplicationDataSize();

  /**
   * Closes the association: sends close_notify when connected, abandons a running handshake. No
   * event follows; the state becomes {@link DtlsState#CLOSED}. Idempotent.
   */
  void close();

  DtlsState state();

  /** Datagrams dropped as malformed, unexpected or over the queue bound. */
  long droppedDatagrams();
}
