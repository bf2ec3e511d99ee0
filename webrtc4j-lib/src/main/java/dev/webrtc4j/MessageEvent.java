package dev.webrtc4j;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The HTML {@code MessageEvent}, as an {@link RTCDataChannel} fires it: {@code message} with the
 * data of one received message.
 *
 * @param type {@code "message"}
 * @param data the message, text or binary
 * @see <a href="https://html.spec.whatwg.org/multipage/comms.html#messageevent">HTML §9.2 MessageEvent</a>
 */
public record MessageEvent(String type, Data data) implements Event {
  public MessageEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
  }

  /** A {@code message} event with {@code data}. */
  public static MessageEvent of(Data data) {
    return new MessageEvent("message", data);
  }

  /** The payload of a message: a string or bytes, as sent. */
  public sealed interface Data permits Text, Binary {}

  /**
   * A text message (sent with {@code send(String)}; SCTP PPID 51 or 56).
   *
   * @param text the message
   */
  public record Text(String text) implements Data {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A binary message (sent with {@code send(byte[])} or {@code send(ByteBuffer)}; SCTP PPID 53 or
   * 57). The buffer is read-only and belongs to the receiver: the stack never touches it again.
   * Each call of {@link #data()} returns an independent view (own position and limit) of the
   * same bytes, so listeners of one event cannot disturb each other.
   */
  public static final class Binary implements Data {
    private final ByteBuffer data;

    /** Wraps {@code data}'s remaining bytes; the caller gives up the buffer. */
    public Binary(ByteBuffer data) {
      this.data = Objects.requireNonNull(data, "data").slice().asReadOnlyBuffer();
    }

    /** Copies {@code bytes}. */
    public static Binary copyOf(byte[] bytes) {
      return new Binary(ByteBuffer.wrap(bytes.clone()));
    }

    /** A read-only view of the message, from position 0 to its length. */
    public ByteBuffer data() {
      return data.duplicate();
    }

    /** The message length in bytes. */
    public int length() {
      return data.remaining();
    }

    /** A copy of the message. */
    public byte[] toArray() {
      byte[] out = new byte[data.remaining()];
      data.duplicate().get(out);
      return out;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Binary b && data.equals(b.data);
    }

    @Override
    public int hashCode() {
      return data.hashCode();
    }

    @Override
    public String toString() {
      return "Binary[" + data.remaining() + " bytes]";
    }
  }

  /** The UTF-8 encoding of a text message; its length is what {@code bufferedAmount} counts. */
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
