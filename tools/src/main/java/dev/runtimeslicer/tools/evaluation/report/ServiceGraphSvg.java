package dev.runtimeslicer.tools.evaluation.report;

import static dev.runtimeslicer.tools.evaluation.report.HtmlText.coordinate;
import static dev.runtimeslicer.tools.evaluation.report.HtmlText.escape;

import dev.runtimeslicer.model.task.ServiceEdge;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An alert's service graph as inline SVG: services in columns by call depth (callers left of their
 * callees, but around cycles), each call path a line colored by what changed in the incident (hover
 * for its calls, errors and durations against normal), the labeled root cause outlined and the
 * alert's first suspect filled. Large graphs keep the changed paths and those touching the two
 * named services.
 */
final class ServiceGraphSvg {

  /** Call paths drawn at most: past this a drawing stops being readable. */
  static final int MAX_DRAWN = 60;

  private static final int COLUMN = 170;
  private static final int ROW = 30;
  private static final int BOX_WIDTH = 130;
  private static final int BOX_HEIGHT = 20;
  private static final int MARGIN = 8;

  /** Characters of a service name shown in its box; the full name is its hover title. */
  private static final int NAME_CHARS = 20;

  private ServiceGraphSvg() {}

  /**
   * @param rootCause the labeled root cause, outlined (empty: none)
   * @param suspect the alert's first root-cause candidate, filled (null: none)
   */
  static String render(List<ServiceEdge> edges, String rootCause, String suspect) {
    List<ServiceEdge> drawn = drawn(edges, rootCause, suspect);
    Map<String, Integer> depth = depths(drawn);
    Map<Integer, List<String>> columns = new TreeMap<>();
    depth.forEach((service, d) -> columns.computeIfAbsent(d, k -> new ArrayList<>()).add(service));
    Map<String, double[]> at = new HashMap<>();
    int rows = 1;
    for (Map.Entry<Integer, List<String>> column : columns.entrySet()) {
      List<String> services = column.getValue();
      services.sort(Comparator.naturalOrder());
      rows = Math.max(rows, services.size());
      for (int i = 0; i < services.size(); i++) {
        at.put(services.get(i), new double[] {MARGIN + column.getKey() * COLUMN, MARGIN + i * ROW});
      }
    }
    int width = 2 * MARGIN + Math.max(0, columns.size() - 1) * COLUMN + BOX_WIDTH;
    int height = 2 * MARGIN + (rows - 1) * ROW + BOX_HEIGHT;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"service-graph\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\">\n");
    // Unchanged paths first, so changed ones are drawn on top.
    List<ServiceEdge> ordered = new ArrayList<>(drawn);
    ordered.sort(Comparator.comparing(ServiceEdge::changed));
    for (ServiceEdge edge : ordered) {
      double[] from = at.get(edge.caller);
      double[] to = at.get(edge.callee);
      double x1 = from[0] + BOX_WIDTH;
      double x2 = to[0];
      if (x2 <= from[0]) {
        // A call back to an earlier column (a cycle): from the caller's left side.
        x1 = from[0];
        x2 = to[0] + BOX_WIDTH;
      }
      svg.append("<line class=\"call ")
          .append(edge.changed() ? escape(edge.change) : "unchanged")
          .append(edge.declared ? " declared" : "")
          .append("\" x1=\"")
          .append(coordinate(x1))
          .append("\" y1=\"")
          .append(coordinate(from[1] + BOX_HEIGHT / 2.0))
          .append("\" x2=\"")
          .append(coordinate(x2))
          .append("\" y2=\"")
          .append(coordinate(to[1] + BOX_HEIGHT / 2.0))
          .append("\"><title>")
          .append(escape(edge.describe()))
          .append("</title></line>\n");
    }
    for (Map.Entry<String, double[]> service : new TreeMap<>(at).entrySet()) {
      String name = service.getKey();
      double[] xy = service.getValue();
      String shown = name.length() > NAME_CHARS ? name.substring(0, NAME_CHARS - 1) + "…" : name;
      svg.append("<g class=\"service")
          .append(name.equals(rootCause) ? " root-cause" : "")
          .append(name.equals(suspect) ? " suspect" : "")
          .append("\"><title>")
          .append(escape(name))
          .append("</title><rect x=\"")
          .append(coordinate(xy[0]))
          .append("\" y=\"")
          .append(coordinate(xy[1]))
          .append("\" width=\"")
          .append(BOX_WIDTH)
          .append("\" height=\"")
          .append(BOX_HEIGHT)
          .append("\" rx=\"3\"/><text x=\"")
          .append(coordinate(xy[0] + 6))
          .append("\" y=\"")
          .append(coordinate(xy[1] + 14))
          .append("\">")
          .append(escape(shown))
          .append("</text></g>\n");
    }
    svg.append("</svg>");
    return svg.toString();
  }

  /**
   * All of {@code edges} when they are few; else the changed ones, then those touching the root
   * cause or the suspect, then the busiest, up to {@link #MAX_DRAWN}.
   */
  static List<ServiceEdge> drawn(List<ServiceEdge> edges, String rootCause, String suspect) {
    if (edges.size() <= MAX_DRAWN) {
      return edges;
    }
    Set<ServiceEdge> out = new LinkedHashSet<>();
    edges.stream().filter(ServiceEdge::changed).forEach(out::add);
    for (ServiceEdge edge : edges) {
      if (touches(edge, rootCause) || touches(edge, suspect)) {
        out.add(edge);
      }
    }
    edges.stream()
        .sorted(Comparator.comparingDouble((ServiceEdge e) -> e.callsPerMinute).reversed())
        .forEach(out::add);
    return new ArrayList<>(out).subList(0, MAX_DRAWN);
  }

  private static boolean touches(ServiceEdge edge, String service) {
    return service != null && (service.equals(edge.caller) || service.equals(edge.callee));
  }

  /**
   * Each service's column: the longest chain of calls reaching it from a service nobody calls
   * (longest-path layering, so every call goes right and the columns are consecutive). Calls that
   * close a cycle (found depth first from those services, then from the rest by name) are left out
   * of the chains and drawn back.
   */
  static Map<String, Integer> depths(List<ServiceEdge> edges) {
    Map<String, Set<String>> callees = new TreeMap<>();
    Set<String> services = new TreeSet<>();
    Set<String> called = new HashSet<>();
    for (ServiceEdge edge : edges) {
      services.add(edge.caller);
      services.add(edge.callee);
      if (!edge.caller.equals(edge.callee)) {
        callees.computeIfAbsent(edge.caller, k -> new TreeSet<>()).add(edge.callee);
        called.add(edge.callee);
      }
    }
    List<String> starts = new ArrayList<>();
    services.stream().filter(s -> !called.contains(s)).forEach(starts::add);
    services.stream().filter(called::contains).forEach(starts::add);
    Set<List<String>> back = new HashSet<>();
    Set<String> done = new HashSet<>();
    for (String start : starts) {
      backEdges(start, callees, new HashSet<>(), done, back);
    }
    Map<String, Integer> depth = new TreeMap<>();
    services.forEach(s -> depth.put(s, 0));
    // Without the cycles' calls the graph is acyclic: each round settles one more call deep.
    for (int round = 0; round < services.size(); round++) {
      boolean moved = false;
      for (Map.Entry<String, Set<String>> caller : callees.entrySet()) {
        for (String callee : caller.getValue()) {
          int deeper = depth.get(caller.getKey()) + 1;
          if (!back.contains(List.of(caller.getKey(), callee)) && deeper > depth.get(callee)) {
            depth.put(callee, deeper);
            moved = true;
          }
        }
      }
      if (!moved) {
        break;
      }
    }
    return depth;
  }

  /**
   * Depth first from {@code service}: adds to {@code back} each call to a service still on the path
   * ({@code onPath}), which closes a cycle. Iterative, so a long chain cannot overflow the stack.
   */
  private static void backEdges(
      String service,
      Map<String, Set<String>> callees,
      Set<String> onPath,
      Set<String> done,
      Set<List<String>> back) {
    if (done.contains(service)) {
      return;
    }
    ArrayDeque<String> path = new ArrayDeque<>();
    ArrayDeque<java.util.Iterator<String>> next = new ArrayDeque<>();
    path.push(service);
    onPath.add(service);
    next.push(callees.getOrDefault(service, Set.of()).iterator());
    while (!path.isEmpty()) {
      java.util.Iterator<String> it = next.peek();
      if (!it.hasNext()) {
        String finished = path.pop();
        next.pop();
        onPath.remove(finished);
        done.add(finished);
        continue;
      }
      String callee = it.next();
      if (onPath.contains(callee)) {
        back.add(List.of(path.peek(), callee));
      } else if (!done.contains(callee)) {
        path.push(callee);
        onPath.add(callee);
        next.push(callees.getOrDefault(callee, Set.of()).iterator());
      }
    }
  }
}
