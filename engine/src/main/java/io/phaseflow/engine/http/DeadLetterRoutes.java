package io.phaseflow.engine.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.NotFound;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.dead.DeadLetters;
import java.util.Optional;

/**
 * The dead-letter routes: {@code GET /api/dead-letters[?limit=N]}, {@code GET
 * /api/dead-letters/{id}}, {@code POST /api/dead-letters/{id}/requeue} and {@code POST
 * /api/dead-letters/{id}/drop} (both POSTs like every action of the API, so the gate's checks on a
 * state-changing request apply). Thread-safe when the dead letters are.
 */
final class DeadLetterRoutes {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The most body characters {@code GET /api/dead-letters/{id}} returns. */
  static final int SHOW_CHARS = 64 * 1024;

  /** For a server given no dead letters: every route says so. */
  static final DeadLetters NONE =
      new DeadLetters() {
        @Override
        public Page list(int limit) {
          throw none();
        }

        @Override
        public Optional<Letter> show(String id) {
          throw none();
        }

        @Override
        public Letter requeue(String id) {
          throw none();
        }

        @Override
        public Letter drop(String id) {
          throw none();
        }

        private NotFound none() {
          return new NotFound(
              "this server keeps no dead letters; read them from phaseflow serve or engine --http");
        }
      };

  private final DeadLetters letters;

  DeadLetterRoutes(DeadLetters letters) {
    this.letters = letters == null ? NONE : letters;
  }

  Router addTo(Router router) {
    return router
        .add("GET", "/api/dead-letters", this::list)
        .add("GET", "/api/dead-letters/{id}", this::show)
        .add("POST", "/api/dead-letters/{id}/requeue", this::requeue)
        .add("POST", "/api/dead-letters/{id}/drop", this::drop);
  }

  Response list(Request r) {
    int limit = limit(r.query("limit"));
    DeadLetters.Page page = letters.list(limit);
    ObjectNode o = F.objectNode();
    o.put("total", page.total());
    ArrayNode list = o.putArray("deadLetters");
    page.letters().forEach(l -> list.add(json(l, l.preview())));
    return Response.json(200, o);
  }

  Response show(Request r) {
    String id = r.param("id");
    DeadLetters.Letter l = letters.show(id).orElseThrow(() -> DeadLetters.notFound(id));
    return Response.json(200, json(l, l.preview(SHOW_CHARS)));
  }

  Response requeue(Request r) {
    DeadLetters.Letter l = letters.requeue(r.param("id"));
    ObjectNode o = json(l, l.preview());
    o.put("requeued", true);
    return Response.json(200, o);
  }

  Response drop(Request r) {
    DeadLetters.Letter l = letters.drop(r.param("id"));
    ObjectNode o = json(l, l.preview());
    o.put("dropped", true);
    return Response.json(200, o);
  }

  private static ObjectNode json(DeadLetters.Letter l, String body) {
    ObjectNode o = F.objectNode();
    o.put("id", l.id());
    o.put("queue", l.queue());
    o.put("reason", l.reason());
    if (l.at() > 0) {
      o.put("at", l.at());
    } else {
      o.putNull("at");
    }
    o.put("failures", l.failures());
    o.put("bytes", l.body().length);
    o.put("body", body);
    return o;
  }

  private static int limit(String v) {
    if (v == null) {
      return 50;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= DeadLetters.SCAN_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new RejectedInput(
        "'limit' must be a whole number from 1 to "
            + DeadLetters.SCAN_LIMIT
            + ", but is '"
            + v
            + "'");
  }
}
