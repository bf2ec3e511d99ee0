package dev.webrtc4j.internal.pc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One m-section, as JSEP (RFC 9429) reasons about it: what is negotiated, not how it is spelled.
 * Session-level values (Firefox writes ice-ufrag and fingerprint there) are already resolved into
 * each section by the SDP translation.
 *
 * @param kind "audio", "video", "application" or whatever the peer wrote
 * @param port 0 for a rejected or stopped section; 9 otherwise (no candidates yet)
 * @param formats the m-line's format list as written (payload types or "webrtc-datachannel")
 * @param ssrcs the sender's SSRCs: media first, then its RTX, from a=ssrc / a=ssrc-group:FID
 * @param cname the a=ssrc cname, "" when none
 * @param sctpPort a=sctp-port, -1 when absent
 * @param maxMessageSize a=max-message-size, -1 when absent
 * @param candidates the a=candidate attribute values, without the "candidate:" prefix
 *     ("1 1 udp 2122260223 192.0.2.1 54321 typ host")
 * @param bundleOnly a=bundle-only (RFC 8843 §6): port 0 then means "bundled", not rejected
 */
public record MediaSection(
    String kind,
    int port,
    String protocol,
    List<String> formats,
    @Nullable String mid,
    Direction direction,
    List<RtpCodec> codecs,
    List<HeaderExtension> extensions,
    @Nullable String iceUfrag,
    @Nullable String icePwd,
    List<String> iceOptions,
    List<Fingerprint> fingerprints,
    @Nullable String setup,
    boolean rtcpMux,
    boolean rtcpRsize,
    List<Msid> msids,
    List<Long> ssrcs,
    String cname,
    int sctpPort,
    long maxMessageSize,
    List<String> candidates,
    boolean endOfCandidates,
    boolean bundleOnly) {

  public MediaSection {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(cname, "cname");
    formats = List.copyOf(formats);
    codecs = List.copyOf(codecs);
    extensions = List.copyOf(extensions);
    iceOptions = List.copyOf(iceOptions);
    fingerprints = List.copyOf(fingerprints);
    msids = List.copyOf(msids);
    ssrcs = List.copyOf(ssrcs);
    candidates = List.copyOf(candidates);
  }

  /** Port 0 without a=bundle-only (RFC 3264 §6, RFC 8843 §6). */
  public boolean rejected() {
    return port == 0 && !bundleOnly;
  }

  public boolean isApplication() {
    return kind.equals("application");
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder(String kind, String protocol) {
    return new Builder(kind, protocol);
  }

  /** A mutable copy, for building offers and answers. */
  public static final class Builder {
    public String kind;
    public int port = 9;
    public String protocol;
    public List<String> formats = new ArrayList<>();
    public @Nullable String mid;
    public Direction direction = Direction.SENDRECV;
    public List<RtpCodec> codecs = new ArrayList<>();
    public List<HeaderExtension> extensions = new ArrayList<>();
    public @Nullable String iceUfrag;
    public @Nullable String icePwd;
    public List<String> iceOptions = new ArrayList<>();
    public List<Fingerprint> fingerprints = new ArrayList<>();
    public @Nullable String setup;
    public boolean rtcpMux;
    public boolean rtcpRsize;
    public List<Msid> msids = new ArrayList<>();
    public List<Long> ssrcs = new ArrayList<>();
    public String cname = "";
    public int sctpPort = -1;
    public long maxMessageSize = -1;
    public List<String> candidates = new ArrayList<>();
    public boolean endOfCandidates;
    public boolean bundleOnly;

    Builder(String kind, String protocol) {
      this.kind = kind;
      this.protocol = protocol;
    }

    Builder(MediaSection m) {
      kind = m.kind;
      port = m.port;
      protocol = m.protocol;
      formats = new ArrayList<>(m.formats);
      mid = m.mid;
      direction = m.direction;
      codecs = new ArrayList<>(m.codecs);
      extensions = new ArrayList<>(m.extensions);
      iceUfrag = m.iceUfrag;
      icePwd = m.icePwd;
      iceOptions = new ArrayList<>(m.iceOptions);
      fingerprints = new ArrayList<>(m.fingerprints);
      setup = m.setup;
      rtcpMux = m.rtcpMux;
      rtcpRsize = m.rtcpRsize;
      msids = new ArrayList<>(m.msids);
      ssrcs = new ArrayList<>(m.ssrcs);
      cname = m.cname;
      sctpPort = m.sctpPort;
      maxMessageSize = m.maxMessageSize;
      candidates = new ArrayList<>(m.candidates);
      endOfCandidates = m.endOfCandidates;
      bundleOnly = m.bundleOnly;
    }

    public Builder withEndOfCandidates() {
      endOfCandidates = true;
      return this;
    }

    public MediaSection build() {
      List<String> f = formats;
      if (!codecs.isEmpty()) {
        f = new ArrayList<>();
        for (RtpCodec c : codecs) {
          f.add(Integer.toString(c.payloadType()));
        }
      }
      return new MediaSection(kind, port, protocol, f, mid, direction, codecs, extensions, iceUfrag, icePwd,
          iceOptions, fingerprints, setup, rtcpMux, rtcpRsize, msids, ssrcs, cname, sctpPort, maxMessageSize,
          candidates, endOfCandidates, bundleOnly);
    }
  }
}
