package dev.loggardener.cascade;

import dev.loggardener.cluster.CascadeEvidence;
import dev.loggardener.cluster.ClusterRow;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Links the clusters of one window into cascades and picks each cascade's root; pure and
 * deterministic (the input order never matters). The method is described in the {@linkplain
 * dev.loggardener.cascade package documentation}; the thresholds are the constants below.
 */
public final class CascadeDetector implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A co-occurrence link needs at least this many sampled entries that followed the cause. */
  public static final int MIN_COOCCURRENCES = 3;

  /** ... and that share of the symptom's sampled entries must have followed the cause. */
  public static final double MIN_EXPLAINED_SHARE = 0.5;

  /** ... and the order must be this consistent: forward / (forward + reverse). */
  public static final double MIN_ORDER_CONSISTENCY = 0.75;

  /** A trace link needs this many distinct shared traces. */
  public static final int MIN_SHARED_TRACES = 2;

  /** A token is distinctive when at most this many clusters of the window carry it. */
  public static final int MAX_CLUSTERS_PER_TOKEN = 3;

  public static final int DEFAULT_MAX_CLUSTERS = 200;

  private final long intervalMillis;
  private final int maxClusters;

  public CascadeDetector(long intervalSeconds, int maxClusters) {
    if (intervalSeconds <= 0 || maxClusters < 1) {
      throw new IllegalArgumentException("interval and cap must be positive");
    }
    this.intervalMillis = intervalSeconds * 1000L;
    this.maxClusters = maxClusters;
  }

  /** One cluster of the window with its evidence. */
  public static final class Candidate implements Serializable {
    private static final long serialVersionUID = 1L;

    public final ClusterRow row;
    public final CascadeEvidence evidence;

    public Candidate(ClusterRow row, CascadeEvidence evidence) {
      this.row = row;
      this.evidence = evidence == null ? new CascadeEvidence() : evidence;
    }

    String key() {
      return row.service() + '\u0000' + row.clusterId();
    }
  }

  /** The window's rows with their cascade fields set, and the links that were kept. */
  public static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    public final List<ClusterRow> rows;
    public final List<CascadeLink> links;

    /** Clusters left out of the analysis because the window had more than the cap. */
    public final int overCap;

    Result(List<ClusterRow> rows, List<CascadeLink> links, int overCap) {
      this.rows = rows;
      this.links = links;
      this.overCap = overCap;
    }
  }

  /** Canonical order: earliest first seen, then service, then signature id. */
  static final Comparator<Candidate> CANONICAL =
      Comparator.<Candidate, Instant>comparing(
              c -> c.row.firstSeen() == null ? Instant.MAX : c.row.firstSeen())
          .thenComparing(c -> c.row.service())
          .thenComparing(c -> c.row.clusterId());

  public Result detect(Instant windowStart, List<Candidate> input) {
    List<Candidate> all = new ArrayList<>(input);
    all.sort(CANONICAL);
    // Above the cap, the biggest clusters are analysed; the rest keep empty cascade fields and
    // say why, so the pairwise work stays bounded whatever a window holds.
    List<Candidate> analysed = all;
    Set<String> skipped = new HashSet<>();
    if (all.size() > maxClusters) {
      List<Candidate> bySize = new ArrayList<>(all);
      bySize.sort(
          Comparator.<Candidate>comparingLong(c -> -c.row.count()).thenComparing(CANONICAL));
      Set<String> keep = new HashSet<>();
      for (int i = 0; i < maxClusters; i++) {
        keep.add(bySize.get(i).key());
      }
      analysed = new ArrayList<>();
      for (Candidate c : all) {
        if (keep.contains(c.key())) {
          analysed.add(c);
        } else {
          skipped.add(c.key());
        }
      }
    }
    int n = analysed.size();
    List<Set<String>> tokens = distinctiveTokens(analysed);
    List<Map<Long, long[]>> byInstance = new ArrayList<>(n);
    for (Candidate c : analysed) {
      byInstance.add(timesByInstance(c.evidence));
    }

    // Every unordered pair gives at most one directed link.
    Map<Integer, List<Edge>> incoming = new TreeMap<>();
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        Edge e = link(analysed, tokens, byInstance, a, b);
        if (e != null) {
          incoming.computeIfAbsent(e.to, k -> new ArrayList<>()).add(e);
        }
      }
    }
    Edge[] parent = new Edge[n];
    for (Map.Entry<Integer, List<Edge>> in : incoming.entrySet()) {
      List<Edge> edges = in.getValue();
      edges.sort(Edge.PREFERENCE);
      parent[in.getKey()] = edges.get(0);
    }
    breakCycles(parent);

    boolean[] hasChild = new boolean[n];
    for (Edge e : parent) {
      if (e != null) {
        hasChild[e.from] = true;
      }
    }
    List<CascadeLink> links = new ArrayList<>();
    Map<String, ClusterRow> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int root = i;
      while (parent[root] != null) {
        root = parent[root].from;
      }
      ClusterRow r = analysed.get(i).row;
      ClusterRow rootRow = analysed.get(root).row;
      boolean inCascade = parent[i] != null || hasChild[i];
      ClusterRow.Builder b =
          r.toBuilder()
              .rootCauseSignatureId(rootRow.clusterId())
              .cascadeId(inCascade ? cascadeId(rootRow, windowStart) : "")
              .cascadeParentSignatureId("")
              .cascadeEvidence("");
      if (parent[i] != null) {
        CascadeLink link = parent[i].toLink(analysed, intervalMillis / 1000L);
        links.add(link);
        b.cascadeParentSignatureId(link.fromSignatureId).cascadeEvidence(link.describe());
      }
      out.put(analysed.get(i).key(), b.build());
    }
    List<ClusterRow> rows = new ArrayList<>(all.size());
    for (Candidate c : all) {
      if (skipped.contains(c.key())) {
        rows.add(
            c.row.toBuilder()
                .rootCauseSignatureId("")
                .cascadeId("")
                .cascadeParentSignatureId("")
                .cascadeEvidence(
                    "not analysed: the window has "
                        + all.size()
                        + " clusters, more than the cascade cap of "
                        + maxClusters)
                .build());
      } else {
        rows.add(out.get(c.key()));
      }
    }
    return new Result(rows, links, skipped.size());
  }

  /** Stable id of a cascade: the root's service and signature id and the window start. */
  public static String cascadeId(ClusterRow root, Instant windowStart) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] h =
          d.digest(
              (root.service() + '\u0000' + root.clusterId() + '\u0000' + windowStart)
                  .getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder("cas-");
      for (int i = 0; i < 8; i++) {
        sb.append(String.format("%02x", h[i] & 0xff));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Set<String>> distinctiveTokens(List<Candidate> cs) {
    List<Set<String>> raw = new ArrayList<>();
    Map<String, Integer> df = new HashMap<>();
    for (Candidate c : cs) {
      Set<String> t = DistinctiveTokens.of(c.row.signature(), c.row.sampleMessage());
      raw.add(t);
      t.forEach(x -> df.merge(x, 1, Integer::sum));
    }
    List<Set<String>> out = new ArrayList<>();
    for (Set<String> t : raw) {
      Set<String> kept = new TreeSet<>();
      for (String x : t) {
        if (df.get(x) <= MAX_CLUSTERS_PER_TOKEN) {
          kept.add(x);
        }
      }
      out.add(kept);
    }
    return out;
  }

  private static Map<Long, long[]> timesByInstance(CascadeEvidence ev) {
    Map<Long, List<Long>> m = new HashMap<>();
    for (CascadeEvidence.Event e : ev.events()) {
      m.computeIfAbsent(e.instanceHash, k -> new ArrayList<>()).add(e.epochMillis);
    }
    Map<Long, long[]> out = new HashMap<>();
    m.forEach(
        (k, v) -> {
          long[] a = v.stream().mapToLong(Long::longValue).toArray();
          Arrays.sort(a);
          out.put(k, a);
        });
    return out;
  }

  /** Forward co-occurrences of {@code b} after {@code a}: count and lags. */
  private long[] lagsAfter(Map<Long, long[]> a, Map<Long, long[]> b) {
    List<Long> lags = new ArrayList<>();
    for (Map.Entry<Long, long[]> inst : b.entrySet()) {
      long[] causes = a.get(inst.getKey());
      if (causes == null) {
        continue;
      }
      for (long t : inst.getValue()) {
        // The latest cause at or before t.
        int pos = Arrays.binarySearch(causes, t);
        int idx = pos >= 0 ? pos : -pos - 2;
        if (idx >= 0 && t - causes[idx] <= intervalMillis) {
          lags.add(t - causes[idx]);
        }
      }
    }
    return lags.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private static int sampledWithInstance(Map<Long, long[]> m) {
    int n = 0;
    for (long[] v : m.values()) {
      n += v.length;
    }
    return n;
  }

  private Edge link(
      List<Candidate> cs, List<Set<String>> tokens, List<Map<Long, long[]>> inst, int a, int b) {
    long[] ab = lagsAfter(inst.get(a), inst.get(b));
    long[] ba = lagsAfter(inst.get(b), inst.get(a));
    int sizeA = sampledWithInstance(inst.get(a));
    int sizeB = sampledWithInstance(inst.get(b));
    Set<String> shared = new TreeSet<>(tokens.get(a));
    shared.retainAll(tokens.get(b));
    String token = shared.isEmpty() ? "" : ((TreeSet<String>) shared).first();
    int aFirst = 0;
    int bFirst = 0;
    int traces = 0;
    Map<Long, Long> ta = cs.get(a).evidence.traces();
    for (Map.Entry<Long, Long> t : cs.get(b).evidence.traces().entrySet()) {
      Long at = ta.get(t.getKey());
      if (at != null) {
        traces++;
        if (at < t.getValue()) {
          aFirst++;
        } else if (t.getValue() < at) {
          bFirst++;
        }
      }
    }
    boolean traceLink = traces >= MIN_SHARED_TRACES;
    // a is earlier in canonical order, so "a then b" is the default direction.
    if (cooccurs(ab.length, ba.length, sizeB)) {
      return new Edge(a, b, ab, ba.length, sizeB, traces, token, Edge.COOCCURRENCE);
    }
    if (cooccurs(ba.length, ab.length, sizeA)) {
      return new Edge(b, a, ba, ab.length, sizeA, traces, token, Edge.COOCCURRENCE);
    }
    if (traceLink) {
      return bFirst > aFirst
          ? new Edge(b, a, ba, ab.length, sizeA, traces, token, Edge.TRACE)
          : new Edge(a, b, ab, ba.length, sizeB, traces, token, Edge.TRACE);
    }
    if (!token.isEmpty()) {
      return new Edge(a, b, ab, ba.length, sizeB, traces, token, Edge.TOKEN);
    }
    return null;
  }

  private static boolean cooccurs(int forward, int reverse, int sampled) {
    return forward >= MIN_COOCCURRENCES
        && forward >= MIN_EXPLAINED_SHARE * sampled
        && forward >= MIN_ORDER_CONSISTENCY * (forward + reverse);
  }

  /**
   * Parent pointers can form a cycle when evidence points both ways around a loop; the member that
   * comes first in canonical order loses its parent and becomes the root.
   */
  private static void breakCycles(Edge[] parent) {
    int n = parent.length;
    for (int start = 0; start < n; start++) {
      List<Integer> path = new ArrayList<>();
      Set<Integer> onPath = new HashSet<>();
      int cur = start;
      while (parent[cur] != null && !onPath.contains(cur)) {
        onPath.add(cur);
        path.add(cur);
        cur = parent[cur].from;
      }
      if (parent[cur] != null) {
        // cur is on the path: the cycle is path from cur's position to the end.
        int first = path.indexOf(cur);
        int earliest = Integer.MAX_VALUE;
        for (int i = first; i < path.size(); i++) {
          earliest = Math.min(earliest, path.get(i));
        }
        parent[earliest] = null;
      }
    }
  }

  /** A candidate link between two analysed clusters, by index in canonical order. */
  private static final class Edge {
    static final int COOCCURRENCE = 0;
    static final int TRACE = 1;
    static final int TOKEN = 2;

    /**
     * Strongest kind, then the larger explained share, then the shorter lag, then earlier cause.
     */
    static final Comparator<Edge> PREFERENCE =
        Comparator.<Edge>comparingInt(e -> e.kind)
            .thenComparingDouble(e -> -e.share())
            .thenComparingLong(e -> e.medianLag())
            .thenComparingInt(e -> e.from);

    final int from;
    final int to;
    final long[] lags;
    final int reverse;
    final int sampled;
    final int traces;
    final String token;
    final int kind;

    Edge(
        int from,
        int to,
        long[] lags,
        int reverse,
        int sampled,
        int traces,
        String token,
        int kind) {
      this.from = from;
      this.to = to;
      this.lags = lags;
      this.reverse = reverse;
      this.sampled = sampled;
      this.traces = traces;
      this.token = token;
      this.kind = kind;
    }

    double share() {
      return sampled == 0 ? 0 : lags.length / (double) sampled;
    }

    long medianLag() {
      return lags.length == 0 ? Long.MAX_VALUE : lags[(lags.length - 1) / 2];
    }

    CascadeLink toLink(List<Candidate> cs, long intervalSeconds) {
      ClusterRow f = cs.get(from).row;
      ClusterRow t = cs.get(to).row;
      return new CascadeLink(
          f.service(),
          f.clusterId(),
          t.service(),
          t.clusterId(),
          lags.length,
          sampled,
          reverse,
          lags.length == 0 ? 0 : medianLag(),
          intervalSeconds,
          traces,
          token);
    }
  }
}
