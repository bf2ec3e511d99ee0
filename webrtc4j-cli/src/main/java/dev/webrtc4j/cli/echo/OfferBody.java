package dev.webrtc4j.cli.echo;

import com.sun.net.httpserver.HttpExchange;
import dev.webrtc4j.sdp.SessionDescription;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads and checks the body of POST /offer: content type, size, UTF-8, SDP syntax. */
final class OfferBody {
  static final String SDP = "application/sdp";

  private OfferBody() {}

  /**
   * The offer's SDP text.
   *
   * @throws HttpProblem 415 for another content type, 413 over {@code maxBytes}, 400 for a body
   *     that is empty, not UTF-8 or not SDP (the message names the line)
   */
  static String read(HttpExchange exchange, int maxBytes) throws HttpProblem, IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !mediaType(type).equals(SDP)) {
      throw new HttpProblem(415, "Content-Type must be " + SDP + ", got " + (type == null ? "none" : type));
    }
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBytes) {
          throw tooLarge(maxBytes);
        }
      } catch (NumberFormatException e) {
        throw new HttpProblem(400, "Content-Length is not a number: " + length);
      }
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(maxBytes + 1);
    }
    if (body.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
    if (body.length == 0) {
      throw new HttpProblem(400, "the body is empty; expected an SDP offer");
    }
    String sdp;
    try {
      sdp = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HttpProblem(400, "the body is not valid UTF-8");
    }
    try {
      SessionDescription.parse(sdp);
    } catch (IllegalArgumentException e) { // SdpParseException names the line
      throw new HttpProblem(400, "the body is not a valid SDP offer: " + e.getMessage());
    }
    return sdp;
  }

  /** "application/SDP; charset=utf-8" → "application/sdp". */
  static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  private static HttpProblem tooLarge(int maxBytes) {
    return new HttpProblem(413, "the offer is larger than " + maxBytes + " bytes");
  }
}
