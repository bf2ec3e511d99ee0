package dev.webrtc4j.cli.echo;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The HTTP surface of the echo server:
 *
 * <ul>
 *   <li>{@code POST /offer} with an {@code application/sdp} offer → 201, the answer, {@code Location: /session/<id>};
 *   <li>{@code DELETE /session/<id>} → 204, or 404 for an unknown id;
 *   <li>{@code OPTIONS} on both → 204 with CORS headers, so a page from another origin can call them;
 *   <li>anything else → 404 (unknown path) or 405 (wrong method), with a plain-text reason.
 * </ul>
 *
 * A client's mistake always gets a 4xx; only the server's own trouble (too many sessions) is a 5xx.
 * An unread request body is left to the JDK server, which drains a little and then drops the
 * connection.
 */
final class EchoHttpHandler implements HttpHandler {
  static final String OFFER_PATH = "/offer";
  static final String SESSION_PREFIX = "/session/";

  private final EchoServer server;

  EchoHttpHandler(EchoServer server) {
    this.server = server;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
      try {
        route(exchange);
      } catch (HttpProblem p) {
        p.headers.forEach(exchange.getResponseHeaders()::set);
        reply(exchange, p.status, "text/plain; charset=utf-8", p.getMessage() + "\n");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reply(exchange, 503, "text/plain; charset=utf-8", "the server is stopping\n");
      } catch (IOException e) {
        // The client went away mid-request: nothing to answer.
      } catch (RuntimeException e) {
        server.log("internal error on " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + e);
        reply(exchange, 500, "text/plain; charset=utf-8", "internal error\n");
      }
    }
  }

  private void route(HttpExchange exchange) throws HttpProblem, IOException, InterruptedException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    if (path.equals(OFFER_PATH)) {
      switch (method) {
        case "POST" -> {
          String sdp = OfferBody.read(exchange, server.config().maxOfferBytes());
          EchoServer.Answer a = server.offer(sdp);
          exchange.getResponseHeaders().set("Location", SESSION_PREFIX + a.sessionId());
          exchange.getResponseHeaders().set("Access-Control-Expose-Headers", "Location");
          reply(exchange, 201, OfferBody.SDP, a.sdp());
        }
        case "OPTIONS" -> preflight(exchange, "POST, OPTIONS");
        default -> throw notAllowed(method, path, "POST, OPTIONS");
      }
    } else if (path.startsWith(SESSION_PREFIX) && isSessionId(path.substring(SESSION_PREFIX.length()))) {
      String id = path.substring(SESSION_PREFIX.length());
      switch (method) {
        case "DELETE" -> {
            if (!server.delete(id)) {
            throw new HttpProblem(404, "no session " + id);
          }
          reply(exchange, 204, null, "");
        }
        case "OPTIONS" -> preflight(exchange, "DELETE, OPTIONS");
        default -> throw notAllowed(method, path, "DELETE, OPTIONS");
      }
    } else {
      throw new HttpProblem(404, "no such resource: " + path + " (POST " + OFFER_PATH + " an SDP offer)");
    }
  }

  private static boolean isSessionId(String s) {
    return !s.isEmpty() && s.length() <= 64 && s.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
  }

  private static HttpProblem notAllowed(String method, String path, String allow) {
    return new HttpProblem(405, method + " is not allowed on " + path + "; allowed: " + allow, Map.of("Allow", allow));
  }

  private static void preflight(HttpExchange exchange, String allow) throws IOException {
    Headers h = exchange.getResponseHeaders();
    h.set("Allow", allow);
    h.set("Access-Control-Allow-Methods", allow);
    h.set("Access-Control-Allow-Headers", "Content-Type");
    h.set("Access-Control-Max-Age", "600");
    reply(exchange, 204, null, "");
  }

  private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    // 204 has no body; the JDK server wants -1 for "no body".
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
