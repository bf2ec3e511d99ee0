package dev.webrtc4j.internal.sctp;

import dev.webrtc4j.internal.util.ByteReader;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.nio.ByteBuffer;

/**
 * RFC 6525 §4.4: the Re-configuration Response parameter (type 16). The two optional TSN fields
 * belong to SSN/TSN reset responses, which this stack never requests; they are kept when present.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 16       |      Parameter Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Re-configuration Response Sequence Number             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            Result                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Sender's Next TSN (optional)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Receiver's Next TSN (optional)               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param senderNextTsn null when absent
 * @param receiverNextTsn null when absent (both or neither are present)
 */
public record ReconfigResponseParameter(
    int responseSeq, int result, @org.jspecify.annotations.Nullable Tsn senderNextTsn,
    @org.jspecify.annotations.Nullable Tsn receiverNextTsn) implements Parameter {
  public static final int SUCCESS_NOTHING_TO_DO = 0;
  public static final int SUCCESS_PERFORMED = 1;
  public static final int DENIED = 2;
  public static final int ERROR_WRONG_SSN = 3;
  public static final int ERROR_REQUEST_ALREADY_IN_PROGRESS = 4;
  public static final int ERROR_BAD_SEQUENCE_NUMBER = 5;
  public static final int IN_PROGRESS = 6;

  public ReconfigResponseParameter {
    if ((senderNextTsn == null) != (receiverNextTsn == null)) {
      throw new IllegalArgumentException("both next TSNs or neither");
    }
  }

  public ReconfigResponseParameter(int responseSeq, int result) {
    this(responseSeq, result, null, null);
  }

  static ReconfigResponseParameter parseValue(ByteReader v) throws MalformedPacketException {
    int seq = v.i32("response seq");
    long result = v.u32("result");
    if (result > Integer.MAX_VALUE) {
      throw v.malformed("result " + result);
    }
    if (v.remaining() == 0) {
      return new ReconfigResponseParameter(seq, (int) result);
    }
    Tsn s = new Tsn(v.i32("sender next tsn"));
    Tsn r = new Tsn(v.i32("receiver next tsn"));
    return new ReconfigResponseParameter(seq, (int) result, s, r);
  }

  @Override
  public int type() {
    return RECONFIG_RESPONSE;
  }

  @Override
  public int valueLength() {
    return senderNextTsn == null ? 8 : 16;
  }

  @Override
  public void writeValue(ByteBuffer out) {
    out.putInt(responseSeq).putInt(result);
    if (senderNextTsn != null && receiverNextTsn != null) {
      out.putInt(senderNextTsn.value()).putInt(receiverNextTsn.value());
    }
  }
}
