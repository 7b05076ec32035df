// The JDK's own clients (java.net.http, JDK 11 and later) against a real server, run as a single source
// file: `java Interop.java <base http url> <channel>`. HttpClient's default version is HTTP/2, so on an
// http:// URL it sends `Upgrade: h2c` with every request; the server must answer those as plain HTTP/1.1
// (it used to answer 404 with an empty body). Then the WebSocket client: subscribe, publish with an ack,
// and close 1009 for an oversize message. One line per check; exit 1 if one failed.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

public class Interop {
  static int passed = 0;
  static int failed = 0;

  static void check(boolean cond, String name, Object detail) {
    if (cond) {
      passed++;
      System.out.println("ok     jdk: " + name);
    } else {
      failed++;
      System.out.println("NOT OK jdk: " + name + " -- " + detail);
    }
  }

  static void waitUntil(java.util.function.BooleanSupplier cond, long ms) throws InterruptedException {
    long end = System.currentTimeMillis() + ms;
    while (!cond.getAsBoolean() && System.currentTimeMillis() < end) Thread.sleep(10);
  }

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String channel = args[1];
    HttpClient client = HttpClient.newHttpClient();
    check(client.version() == HttpClient.Version.HTTP_2, "the default HttpClient asks for HTTP/2 (Upgrade: h2c on http://)", client.version());

    HttpResponse<String> health = client.send(
        HttpRequest.newBuilder(URI.create(base + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
    check(health.statusCode() == 200 && health.body().contains("\"status\":\"ok\""), "GET /api/health: 200", health.statusCode() + " " + health.body());
    check(health.version() == HttpClient.Version.HTTP_1_1, "answered as HTTP/1.1 (the h2c upgrade ignored)", health.version());

    HttpResponse<String> published = client.send(
        HttpRequest.newBuilder(URI.create(base + "/api/channels/" + channel + "/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"data\":\"from the jdk\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    check(published.statusCode() == 201 && published.body().contains("\"seq\":1"), "publish: 201 with seq 1", published.statusCode() + " " + published.body());

    HttpResponse<String> poll = client.send(
        HttpRequest.newBuilder(URI.create(base + "/api/channels/" + channel + "/poll?after=0")).build(),
        HttpResponse.BodyHandlers.ofString());
    check(poll.statusCode() == 200 && poll.body().contains("\"data\":\"from the jdk\""), "poll: the event", poll.body());
    check(poll.headers().firstValue("content-type").orElse("").equals("application/json"), "poll: Content-Type application/json", poll.headers().firstValue("content-type"));

    HttpResponse<String> refused = client.send(
        HttpRequest.newBuilder(URI.create(base + "/api/channels/" + channel + "/poll?after=x")).build(),
        HttpResponse.BodyHandlers.ofString());
    check(refused.statusCode() == 400 && refused.body().contains("\"code\":\"invalid_cursor\""), "a malformed cursor: 400 invalid_cursor", refused.body());

    List<String> messages = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket.Listener listener = new WebSocket.Listener() {
      final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          messages.add(text.toString());
          text.setLength(0);
        }
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        closed.completeExceptionally(error);
      }
    };
    String wsBase = base.replaceFirst("^http", "ws");
    WebSocket ws = client.newWebSocketBuilder()
        .buildAsync(URI.create(wsBase + "/api/channels/" + channel + "/ws?after=0"), listener)
        .get(10, TimeUnit.SECONDS);
    waitUntil(() -> messages.size() >= 2, 5000);
    check(messages.size() >= 2 && messages.get(0).startsWith("{\"type\":\"hello\"") && messages.get(1).contains("\"seq\":1"),
        "WebSocket: hello, then the event", messages);
    ws.sendText("{\"type\":\"publish\",\"data\":2,\"ref\":\"jdk\"}", true).get(5, TimeUnit.SECONDS);
    waitUntil(() -> messages.stream().anyMatch(m -> m.contains("\"type\":\"ack\"")), 5000);
    check(messages.contains("{\"type\":\"ack\",\"seq\":2,\"ref\":\"jdk\"}"), "WebSocket: publish acked with seq 2 and the ref", messages);
    ws.sendText("x".repeat(20000), true).get(5, TimeUnit.SECONDS);
    Integer code = closed.get(10, TimeUnit.SECONDS);
    check(code == 1009, "WebSocket: a 20000-character message closes with 1009", code);

    System.out.println("jdk: " + passed + " checks ok, " + failed + " not ok");
    System.exit(failed > 0 || passed == 0 ? 1 : 0);
  }
}
