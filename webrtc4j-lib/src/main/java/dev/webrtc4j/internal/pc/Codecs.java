package dev.webrtc4j.internal.pc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What we offer, as a browser offers it: Chrome's audio and video codec lists with their payload
 * types, fmtp and rtcp-fb, and Chrome's header extensions with its ids. And the RFC 9429 §5.3.1
 * answer rules: which offered codecs and extensions we accept.
 */
public final class Codecs {
  private Codecs() {}

  private static final List<String> VIDEO_FB = List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");

  /** Chrome's audio offer: Opus, RED, G722, PCMU, PCMA, telephone-event (48 kHz and 8 kHz). */
  public static final List<RtpCodec> AUDIO = List.of(
      new RtpCodec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1", List.of("transport-cc")),
      new RtpCodec(63, "red", 48000, 2, "111/111", List.of()),
      new RtpCodec(9, "G722", 8000, 1, "", List.of()),
      new RtpCodec(0, "PCMU", 8000, 1, "", List.of()),
      new RtpCodec(8, "PCMA", 8000, 1, "", List.of()),
      new RtpCodec(110, "telephone-event", 48000, 1, "", List.of()),
      new RtpCodec(126, "telephone-event", 8000, 1, "", List.of()));

  /**
   * Chrome's video offer: VP8, H.264 constrained-baseline / baseline / main / high in
   * packetization-mode 1 and 0, AV1, VP9 profiles 0 and 2; each with its RTX.
   */
  public static final List<RtpCodec> VIDEO;

  static {
    List<RtpCodec> v = new ArrayList<>();
    video(v, 96, 97, "VP8", "");
    video(v, 102, 103, "H264", "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f");
    video(v, 104, 105, "H264", "level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f");
    video(v, 106, 107, "H264", "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
    video(v, 108, 109, "H264", "level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f");
    video(v, 127, 125, "H264", "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f");
    video(v, 39, 40, "H264", "level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=4d001f");
    video(v, 45, 46, "AV1", "level-idx=5;profile=0;tier=0");
    video(v, 98, 99, "VP9", "profile-id=0");
    video(v, 100, 101, "VP9", "profile-id=2");
    video(v, 112, 113, "H264", "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=64001f");
    video(v, 114, 115, "H264", "level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=64001f");
    VIDEO = List.copyOf(v);
  }

  private static void video(List<RtpCodec> out, int pt, int rtxPt, String name, String fmtp) {
    out.add(new RtpCodec(pt, name, 90000, 1, fmtp, VIDEO_FB));
    out.add(new RtpCodec(rtxPt, "rtx", 90000, 1, "apt=" + pt, List.of()));
  }

  public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
  public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
  public static final String TRANSPORT_CC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
  public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
  public static final String RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
  public static final String REPAIRED_RID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

  /** Chrome's audio header extensions and ids. */
  public static final List<HeaderExtension> AUDIO_EXTENSIONS = List.of(
      new HeaderExtension(1, AUDIO_LEVEL),
      new HeaderExtension(2, ABS_SEND_TIME),
      new HeaderExtension(3, TRANSPORT_CC),
      new HeaderExtension(4, MID));

  /** Chrome's video header extensions and ids. */
  public static final List<HeaderExtension> VIDEO_EXTENSIONS = List.of(
      new HeaderExtension(14, "urn:ietf:params:rtp-hdrext:toffset"),
      new HeaderExtension(2, ABS_SEND_TIME),
      new HeaderExtension(13, "urn:3gpp:video-orientation"),
      new HeaderExtension(3, TRANSPORT_CC),
      new HeaderExtension(5, "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay"),
      new HeaderExtension(6, "http://www.webrtc.org/experiments/rtp-hdrext/video-content-type"),
      new HeaderExtension(7, "http://www.webrtc.org/experiments/rtp-hdrext/video-timing"),
      new HeaderExtension(8, "http://www.webrtc.org/experiments/rtp-hdrext/color-space"),
      new HeaderExtension(4, MID),
      new HeaderExtension(10, RID),
      new HeaderExtension(11, REPAIRED_RID));

  public static List<RtpCodec> forKind(String kind) {
    return kind.equals("audio") ? AUDIO : VIDEO;
  }

  public static List<HeaderExtension> extensionsForKind(String kind) {
    return kind.equals("audio") ? AUDIO_EXTENSIONS : VIDEO_EXTENSIONS;
  }

  /** The local codec that {@code remote} names, or null when we do not support it. */
  public static @Nullable RtpCodec match(String kind, RtpCodec remote) {
    for (RtpCodec local : forKind(kind)) {
      if (!local.isRtx() && sameCodec(local, remote)) {
        return local;
      }
    }
    return null;
  }

  /**
   * Same format: name (case-insensitive), clock rate, channels (1 when absent), and the
   * parameters that make a different format: H.264 profile and packetization-mode, VP9
   * profile-id, AV1 profile.
   */
  static boolean sameCodec(RtpCodec a, RtpCodec b) {
    if (!a.name().equalsIgnoreCase(b.name()) || a.clockRate() != b.clockRate()
        || Math.max(a.channels(), 1) != Math.max(b.channels(), 1)) {
      return false;
    }
    return switch (a.name().toUpperCase(Locale.ROOT)) {
      case "H264" -> Objects.equals(h264Profile(a), h264Profile(b))
          && Objects.equals(param(a, "packetization-mode", "0"), param(b, "packetization-mode", "0"));
      case "VP9" -> param(a, "profile-id", "0").equals(param(b, "profile-id", "0"));
      case "AV1" -> param(a, "profile", "0").equals(param(b, "profile", "0"));
      default -> true;
    };
  }

  private static String param(RtpCodec c, String key, String dflt) {
    String v = c.parameter(key);
    return v == null ? dflt : v;
  }

  /** The H.264 profile of a profile-level-id (RFC 6184 §8.1), by profile_idc and constraint flags. */
  static @Nullable String h264Profile(RtpCodec c) {
    String plid = c.parameter("profile-level-id");
    if (plid == null) {
      plid = "42000a"; // RFC 6184: the default is Baseline level 1
    }
    if (plid.length() != 6) {
      return null;
    }
    int idc;
    int iop;
    try {
      idc = Integer.parseInt(plid.substring(0, 2), 16);
      iop = Integer.parseInt(plid.substring(2, 4), 16);
    } catch (NumberFormatException e) {
      return null;
    }
    boolean constraintSet1 = (iop & 0x40) != 0;
    return switch (idc) {
      case 0x42 -> constraintSet1 ? "constrained-baseline" : "baseline";
      case 0x4d -> (iop & 0x80) != 0 ? "constrained-baseline" : "main";
      case 0x58 -> "extended";
      case 0x64 -> (iop & 0x0c) == 0x0c ? "constrained-high" : "high";
      default -> "other-" + idc;
    };
  }

  /**
   * The codecs of an answer to {@code offered}, RFC 9429 §5.3.1: the offered codecs we support, in
   * the offerer's order and with the offerer's payload types and fmtp; rtcp-fb reduced to the
   * values both support; RTX only for an accepted primary codec; RED and telephone-event only when
   * a primary codec is accepted too.
   */
  public static List<RtpCodec> answer(String kind, List<RtpCodec> offered) {
    List<RtpCodec> primary = new ArrayList<>();
    Set<Integer> accepted = new LinkedHashSet<>();
    for (RtpCodec o : offered) {
      if (o.isRtx()) {
        continue;
      }
      RtpCodec local = match(kind, o);
      if (local == null) {
        continue;
      }
      List<String> fb = new ArrayList<>();
      for (String f : o.rtcpFeedback()) {
        if (local.rtcpFeedback().contains(f)) {
          fb.add(f);
        }
      }
      primary.add(o.withRtcpFeedback(fb));
      accepted.add(o.payloadType());
    }
    boolean hasMedia = primary.stream().anyMatch(c -> !isAuxiliary(c));
    if (!hasMedia) {
      return List.of();
    }
    List<RtpCodec> out = new ArrayList<>();
    for (RtpCodec o : offered) {
      if (o.isRtx()) {
        if (accepted.contains(o.apt())) {
          out.add(o.withRtcpFeedback(List.of()));
        }
      } else if (accepted.contains(o.payloadType())) {
        out.add(primary.stream().filter(p -> p.payloadType() == o.payloadType()).findFirst().orElseThrow());
      }
    }
    return List.copyOf(out);
  }

  private static boolean isAuxiliary(RtpCodec c) {
    String n = c.name().toLowerCase(Locale.ROOT);
    return n.equals("red") || n.equals("telephone-event") || n.equals("cn") || n.equals("ulpfec") || n.equals("flexfec-03");
  }

  /** The offered extensions we support, with the offerer's ids (RFC 8285 §6). */
  public static List<HeaderExtension> answerExtensions(String kind, List<HeaderExtension> offered) {
    List<HeaderExtension> out = new ArrayList<>();
    List<HeaderExtension> ours = extensionsForKind(kind);
    for (HeaderExtension o : offered) {
      if (ours.stream().anyMatch(e -> e.uri().equals(o.uri()))) {
        out.add(o);
      }
    }
    return out;
  }

  /** RFC 3551 static payload types, for an m-line that lists them without an a=rtpmap. */
  public static final Map<Integer, RtpCodec> STATIC = Map.of(
      0, new RtpCodec(0, "PCMU", 8000, 1, "", List.of()),
      8, new RtpCodec(8, "PCMA", 8000, 1, "", List.of()),
      9, new RtpCodec(9, "G722", 8000, 1, "", List.of()),
      13, new RtpCodec(13, "CN", 8000, 1, "", List.of()));
}
