package dev.webrtc4j.internal.ice;

import dev.webrtc4j.internal.stun.IntegrityCheck;
import dev.webrtc4j.internal.stun.IntegrityKey;
import dev.webrtc4j.internal.stun.StunAttribute;
import dev.webrtc4j.internal.stun.StunAttribute.ErrorCode;
import dev.webrtc4j.internal.stun.StunAttribute.IceControlled;
import dev.webrtc4j.internal.stun.StunAttribute.IceControlling;
import dev.webrtc4j.internal.stun.StunAttribute.MappedAddress;
import dev.webrtc4j.internal.stun.StunAttribute.Priority;
import dev.webrtc4j.internal.stun.StunAttribute.UseCandidate;
import dev.webrtc4j.internal.stun.StunAttribute.Username;
import dev.webrtc4j.internal.stun.StunAttribute.XorMappedAddress;
import dev.webrtc4j.internal.stun.StunClass;
import dev.webrtc4j.internal.stun.StunIntegrity;
import dev.webrtc4j.internal.stun.StunMessage;
import dev.webrtc4j.internal.stun.StunMethod;
import dev.webrtc4j.internal.stun.TransactionId;
import dev.webrtc4j.internal.util.MalformedPacketException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@link IceStunCodec} on the STUN codec of {@code internal.stun} (RFC 8489, ICE attributes RFC 8445 §16.1). */
final class StunCodecBridge implements IceStunCodec {

  @Override
  public IceStunMessage decode(ByteBuffer raw) throws MalformedPacketException {
    StunMessage m = StunMessage.parse(raw.duplicate());
    IceStunMessage.Kind kind = switch (m.messageClass()) {
      case REQUEST -> IceStunMessage.Kind.REQUEST;
      case INDICATION -> IceStunMessage.Kind.INDICATION;
      case SUCCESS_RESPONSE -> IceStunMessage.Kind.SUCCESS;
      case ERROR_RESPONSE -> IceStunMessage.Kind.ERROR;
    };
    InetSocketAddress mapped = m.find(XorMappedAddress.class).map(XorMappedAddress::address)
        .or(() -> m.find(MappedAddress.class).map(MappedAddress::address)).orElse(null);
    ErrorCode error = m.errorCode().orElse(null);
    if (kind == IceStunMessage.Kind.ERROR && error == null) {
      throw new MalformedPacketException(0, "error response without ERROR-CODE");
    }
    return new IceStunMessage(kind, m.method().equals(StunMethod.BINDING), m.transactionId().value(),
        m.find(Username.class).map(Username::value).orElse(null),
        m.find(Priority.class).map(Priority::priority).orElse(0L),
        m.has(UseCandidate.class),
        m.find(IceControlling.class).map(IceControlling::tieBreaker).orElse(null),
        m.find(IceControlled.class).map(IceControlled::tieBreaker).orElse(null),
        mapped,
        error == null ? 0 : error.code(),
        error == null ? "" : error.reason());
  }

  @Override
  public boolean authenticated(ByteBuffer raw, String password) {
    return StunIntegrity.check(raw.duplicate(), IntegrityKey.shortTerm(password)) == IntegrityCheck.VALID
        && StunIntegrity.hasValidFingerprint(raw.duplicate());
  }

  @Override
  public ByteBuffer encode(IceStunMessage m, @Nullable String password) {
    List<StunAttribute> attributes = new ArrayList<>(6);
    String username = m.username();
    if (username != null) {
      attributes.add(new Username(username));
    }
    if (m.priority() > 0) {
      attributes.add(new Priority(m.priority()));
    }
    if (m.useCandidate()) {
      attributes.add(new UseCandidate());
    }
    Long controlling = m.iceControlling();
    if (controlling != null) {
      attributes.add(new IceControlling(controlling));
    }
    Long controlled = m.iceControlled();
    if (controlled != null) {
      attributes.add(new IceControlled(controlled));
    }
    InetSocketAddress mapped = m.mappedAddress();
    if (mapped != null) {
      attributes.add(new XorMappedAddress(mapped));
    }
    if (m.kind() == IceStunMessage.Kind.ERROR) {
      attributes.add(0, new ErrorCode(m.errorCode(), m.errorReason()));
    }
    StunClass cls = switch (m.kind()) {
      case REQUEST -> StunClass.REQUEST;
      case INDICATION -> StunClass.INDICATION;
      case SUCCESS -> StunClass.SUCCESS_RESPONSE;
      case ERROR -> StunClass.ERROR_RESPONSE;
    };
    StunMessage msg = new StunMessage(StunMethod.BINDING, cls, new TransactionId(m.transactionId()), attributes);
    return msg.encode(password == null ? null : IntegrityKey.shortTerm(password), true);
  }
}
