package dev.webrtc4j.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc8853#section-5.1">RFC 8853 §5.1</a>:
 *
 * <pre>
 * a=simulcast:send &lt;stream&gt;;&lt;stream&gt;... [recv &lt;stream&gt;;...]   (or recv first)
 * stream = [~]rid-id *("," [~]rid-id)    ; alternatives, "~" marks a paused stream
 * </pre>
 *
 * e.g. {@code send h;m;l} or {@code recv 1,~4;2;3}. {@link #value()} writes send before recv.
 *
 * @param send the send streams in order, each a list of alternatives; may be empty
 * @param recv the receive streams; may be empty, but not both
 */
public record Simulcast(List<List<Alternative>> send, List<List<Alternative>> recv) implements TypedAttribute {
  /**
   * One alternative of a simulcast stream.
   *
   * @param rid the rid id
   * @param paused whether it is marked {@code ~}
   */
  public record Alternative(String rid, boolean paused) {
    public Alternative {
      Objects.requireNonNull(rid, "rid");
      Tokens.check(Rid.isRidId(rid), "simulcast rid id is not valid: \"" + rid + "\"");
    }

    String format() {
      return paused ? "~" + rid : rid;
    }
  }

  public Simulcast {
    send = copyStreams(send);
    recv = copyStreams(recv);
    Tokens.check(!send.isEmpty() || !recv.isEmpty(), "simulcast has neither send nor recv streams");
  }

  /** {@code send a;b;c}: one unpaused alternative per stream. */
  public static Simulcast send(String... rids) {
    List<List<Alternative>> streams = new ArrayList<>();
    for (String r : rids) streams.add(List.of(new Alternative(r, false)));
    return new Simulcast(streams, List.of());
  }

  /** {@code recv a;b;c}: one unpaused alternative per stream. */
  public static Simulcast recv(String... rids) {
    List<List<Alternative>> streams = new ArrayList<>();
    for (String r : rids) streams.add(List.of(new Alternative(r, false)));
    return new Simulcast(List.of(), streams);
  }

  public static Simulcast parse(@Nullable String value) {
    var f = Tokens.fields(Tokens.valueOf(value, "simulcast"));
    Tokens.check(f.size() == 2 || f.size() == 4, "simulcast is not send|recv <streams> [recv|send <streams>]");
    List<List<Alternative>> send = List.of();
    List<List<Alternative>> recv = List.of();
    boolean seenSend = false;
    boolean seenRecv = false;
    for (int i = 0; i < f.size(); i += 2) {
      RidDirection d = RidDirection.parse(f.get(i));
      List<List<Alternative>> streams = parseStreams(f.get(i + 1));
      if (d == RidDirection.SEND) {
        Tokens.check(!seenSend, "simulcast has send twice");
        seenSend = true;
        send = streams;
      } else {
        Tokens.check(!seenRecv, "simulcast has recv twice");
        seenRecv = true;
        recv = streams;
      }
    }
    return new Simulcast(send, recv);
  }

  @Override
  public String attributeName() {
    return "simulcast";
  }

  @Override
  public String value() {
    List<String> parts = new ArrayList<>();
    if (!send.isEmpty()) parts.add("send " + formatStreams(send));
    if (!recv.isEmpty()) parts.add("recv " + formatStreams(recv));
    return String.join(" ", parts);
  }

  private static List<List<Alternative>> parseStreams(String s) {
    List<List<Alternative>> streams = new ArrayList<>();
    for (String stream : s.split(";", -1)) {
      List<Alternative> alts = new ArrayList<>();
      for (String alt : stream.split(",", -1)) {
        boolean paused = alt.startsWith("~");
        alts.add(new Alternative(paused ? alt.substring(1) : alt, paused));
      }
      streams.add(alts);
    }
    return streams;
  }

  private static String formatStreams(List<List<Alternative>> streams) {
    List<String> out = new ArrayList<>();
    for (List<Alternative> alts : streams) {
      List<String> a = new ArrayList<>();
      for (Alternative alt : alts) a.add(alt.format());
      out.add(String.join(",", a));
    }
    return String.join(";", out);
  }

  private static List<List<Alternative>> copyStreams(List<List<Alternative>> streams) {
    List<List<Alternative>> out = new ArrayList<>();
    for (List<Alternative> alts : Tokens.copy(streams, "streams")) {
      List<Alternative> copy = Tokens.copy(alts, "stream");
      Tokens.check(!copy.isEmpty(), "simulcast stream has no alternative");
      out.add(copy);
    }
    return List.copyOf(out);
  }
}
