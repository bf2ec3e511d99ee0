package dev.webrtc4j;

import java.util.Objects;

/**
 * A W3C {@code DOMException}: the failure of an API call, named as the spec names it.
 *
 * <p>Methods that return a future never throw; their future fails with this exception. Methods that
 * return directly throw it. {@link #name()} is the DOMException name, e.g. {@code
 * "InvalidStateError"}; WebIDL's TypeError and RangeError are {@link IllegalArgumentException} or
 * {@link NullPointerException} instead.
 */
public class RTCException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The DOMException names the WebRTC specification uses. */
  public enum Name {
    INVALID_STATE_ERROR("InvalidStateError"),
    INVALID_ACCESS_ERROR("InvalidAccessError"),
    INVALID_MODIFICATION_ERROR("InvalidModificationError"),
    OPERATION_ERROR("OperationError"),
    SYNTAX_ERROR("SyntaxError"),
    NOT_SUPPORTED_ERROR("NotSupportedError"),
    NOT_FOUND_ERROR("NotFoundError"),
    NOT_READABLE_ERROR("NotReadableError"),
    NOT_ALLOWED_ERROR("NotAllowedError"),
    ABORT_ERROR("AbortError"),
    UNKNOWN_ERROR("UnknownError"),
    DATA_ERROR("DataError");

    private final String w3cName;

    Name(String w3cName) {
      this.w3cName = w3cName;
    }

    public String w3cName() {
      return w3cName;
    }

    public static Name fromW3cName(String name) {
      for (Name n : values()) {
        if (n.w3cName.equals(name)) {
          return n;
        }
      }
      throw new IllegalArgumentException("not a DOMException name: " + name);
    }
  }

  private final Name name;

  public RTCException(Name name, String message) {
    super(message);
    this.name = Objects.requireNonNull(name, "name");
  }

  public RTCException(Name name, String message, Throwable cause) {
    super(message, cause);
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The DOMException name, e.g. {@code "InvalidStateError"}. */
  public String name() {
    return name.w3cName();
  }

  /** The DOMException name as an enum. */
  public Name errorName() {
    return name;
  }

  @Override
  public String toString() {
    return name.w3cName() + ": " + getMessage();
  }
}
