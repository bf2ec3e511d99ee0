package dev.webrtc4j.cli.echo;

import dev.webrtc4j.MessageEvent;
import dev.webrtc4j.RTCDataChannel;

/**
 * The data channel as {@link ChannelEcho} uses it, so the echo's flow control can be tested without
 * a connection. Implemented by {@link #of(RTCDataChannel)} in production.
 */
interface EchoTarget {
  String label();

  long bufferedAmount();

  /**
   * Sends {@code data} as it came: text as text, binary as binary.
   *
   * @throws dev.webrtc4j.RTCException {@code OperationError} when the send buffer is full, {@code
   *     InvalidStateError} when the channel is no longer open
   * @throws IllegalArgumentException when the message exceeds the peer's max-message-size
   */
  void send(MessageEvent.Data data);

  void close();

  static EchoTarget of(RTCDataChannel channel) {
    return new EchoTarget() {
      @Override public String label() {
        return channel.label();
      }

      @Override public long bufferedAmount() {
        return channel.bufferedAmount();
      }

      @Override public void send(MessageEvent.Data data) {
        switch (data) {
          case MessageEvent.Text t -> channel.send(t.text());
          case MessageEvent.Binary b -> channel.send(b.data());
        }
      }

      @Override public void close() {
        channel.close();
      }
    };
  }
}
