package dev.webrtc4j.internal.sctp;

import java.time.Duration;

/**
 * Knobs of one association. Defaults follow what WebRTC stacks (dcSCTP in Chrome) use rather
 * than RFC 9260 §16's generic values; docs/design/sctp.md lists each choice.
 *
 * @param localPort our SCTP port (a=sctp-port, 5000 by default)
 * @param remotePort the peer's SCTP port
 * @param mtu largest SCTP packet we build (RFC 8261 over DTLS: 1200 is safe everywhere)
 * @param maxReceiveMessageSize the largest message we accept (our a=max-message-size)
 * @param maxSendMessageSize the largest message the peer accepts (its a=max-message-size)
 * @param receiveBufferBytes the receive window: bytes held for reassembly and ordering
 * @param sendBufferBytes the send queue bound over all streams
 * @param rtoInitialNanos RTO.Initial (RFC 9260: 1 s; dcSCTP: 500 ms)
 * @param rtoMinNanos RTO.Min (RFC 9260: 1 s; dcSCTP: 400 ms)
 * @param rtoMaxNanos RTO.Max (RFC 9260 and dcSCTP: 60 s)
 * @param t1TimeoutNanos first T1-init/T1-cookie timeout
 * @param maxInitRetransmits Max.Init.Retransmits (RFC: 8)
 * @param maxRetransmissions Association.Max.Retrans (RFC: 10)
 * @param heartbeatIntervalNanos HB.interval (RFC and dcSCTP: 30 s)
 * @param delayedAckNanos the SACK delay (RFC 9260 §6.2: at most 500 ms; WebRTC stacks: 200 ms)
 * @param cookieLifetimeNanos Valid.Cookie.Life (RFC: 60 s)
 * @param initialCwndMtus initial cwnd in MTUs (RFC: about 4; dcSCTP: 10)
 * @param streams outbound and inbound stream count offered (65535 as in WebRTC)
 */
public record SctpOptions(
    int localPort, int remotePort, int mtu, int maxReceiveMessageSize, long maxSendMessageSize,
    int receiveBufferBytes, long sendBufferBytes, long rtoInitialNanos, long rtoMinNanos, long rtoMaxNanos,
    long t1TimeoutNanos, int maxInitRetransmits, int maxRetransmissions, long heartbeatIntervalNanos,
    long delayedAckNanos, long cookieLifetimeNanos, int initialCwndMtus, int streams) {
  public SctpOptions {
    if (mtu < 256 || mtu > 65535) {
      throw new IllegalArgumentException("mtu " + mtu);
    }
    if (receiveBufferBytes < 2 * mtu) {
      throw new IllegalArgumentException("receive buffer " + receiveBufferBytes + " below two MTUs");
    }
    if (maxReceiveMessageSize <= 0 || maxSendMessageSize <= 0 || sendBufferBytes <= 0) {
      throw new IllegalArgumentException("sizes must be positive");
    }
    if (rtoMinNanos <= 0 || rtoInitialNanos < rtoMinNanos || rtoMaxNanos < rtoInitialNanos) {
      throw new IllegalArgumentException("need 0 < rtoMin <= rtoInitial <= rtoMax");
    }
    if (streams < 1 || streams > 65535) {
      throw new IllegalArgumentException("streams " + streams);
    }
  }

  public static SctpOptions defaults() {
    return new SctpOptions(
        5000, 5000, 1200, 262_144, 65_536, 5 * 1024 * 1024, 16L * 1024 * 1024,
        ms(500), ms(400), ms(60_000), ms(1000), 8, 10, ms(30_000), ms(200), ms(60_000), 10, 65535);
  }

  private static long ms(long v) {
    return Duration.ofMillis(v).toNanos();
  }

  public SctpOptions withPorts(int local, int remote) {
    return new SctpOptions(local, remote, mtu, maxReceiveMessageSize, maxSendMessageSize, receiveBufferBytes,
        sendBufferBytes, rtoInitialNanos, rtoMinNanos, rtoMaxNanos, t1TimeoutNanos, maxInitRetransmits,
        maxRetransmissions, heartbeatIntervalNanos, delayedAckNanos, cookieLifetimeNanos, initialCwndMtus, streams);
  }

  public SctpOptions withMtu(int v) {
    return new SctpOptions(localPort, remotePort, v, maxReceiveMessageSize, maxSendMessageSize, receiveBufferBytes,
        sendBufferBytes, rtoInitialNanos, rtoMinNanos, rtoMaxNanos, t1TimeoutNanos, maxInitRetransmits,
        maxRetransmissions, heartbeatIntervalNanos, delayedAckNanos, cookieLifetimeNanos, initialCwndMtus, streams);
  }

  public SctpOptions withMessageSizes(int maxReceive, long maxSend) {
    return new SctpOptions(localPort, remotePort, mtu, maxReceive, maxSend, receiveBufferBytes,
        sendBufferBytes, rtoInitialNanos, rtoMinNanos, rtoMaxNanos, t1TimeoutNanos, maxInitRetransmits,
        maxRetransmissions, heartbeatIntervalNanos, delayedAckNanos, cookieLifetimeNanos, initialCwndMtus, streams);
  }

  public SctpOptions withBuffers(int receiveBuffer, long sendBuffer) {
    return new SctpOptions(localPort, remotePort, mtu, maxReceiveMessageSize, maxSendMessageSize, receiveBuffer,
        sendBuffer, rtoInitialNanos, rtoMinNanos, rtoMaxNanos, t1TimeoutNanos, maxInitRetransmits,
        maxRetransmissions, heartbeatIntervalNanos, delayedAckNanos, cookieLifetimeNanos, initialCwndMtus, streams);
  }

  public SctpOptions withCookieLifetime(long nanos) {
    return new SctpOptions(localPort, remotePort, mtu, maxReceiveMessageSize, maxSendMessageSize, receiveBufferBytes,
        sendBufferBytes, rtoInitialNanos, rtoMinNanos, rtoMaxNanos, t1TimeoutNanos, maxInitRetransmits,
        maxRetransmissions, heartbeatIntervalNanos, delayedAckNanos, nanos, initialCwndMtus, streams);
  }

  public SctpOptions withStreams(int v) {
    return new SctpOptions(localPort, remotePort, mtu, maxReceiveMessageSize, maxSendMessageSize, receiveBufferBytes,
        sendBufferBytes, rtoInitialNanos, rtoMinNanos, rtoMaxNanos, t1TimeoutNanos, maxInitRetransmits,
        maxRetransmissions, heartbeatIntervalNanos, delayedAckNanos, cookieLifetimeNanos, initialCwndMtus, v);
  }
}
