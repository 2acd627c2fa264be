package io.custodian.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Counts failed authentications per client address in fixed windows: the first few of each window
 * are audited one by one, the rest only counted, and told in one summary when the window ends. A
 * client without a key can then not flood the audit trail (each entry takes the chain's lock and a
 * durable commit), and no failure goes unrecorded. The number of addresses tracked is bounded; past
 * it, further addresses share one window.
 */
final class FailureWindows {

  /** Addresses beyond the bound are counted together under this name. */
  static final String OTHERS = "other addresses";

  private final int auditedPerWindow;
  private final Duration window;
  private final int maxSources;
  private final Map<String, Window> windows = new HashMap<>();

  FailureWindows(int auditedPerWindow, Duration window, int maxSources) {
    this.auditedPerWindow = auditedPerWindow;
    this.window = window;
    this.maxSources = maxSources;
  }

  /** A window's failures that were counted but not audited one by one. */
  record Summary(String source, Instant from, Instant to, int suppressed) {}

  private static final class Window {
    final Instant start;
    int failures;

    Window(Instant start) {
      this.start = start;
    }
  }

  /**
   * Counts a failure from {@code source}; answers whether to audit it on its own. A window of the
   * same source that has ended is summarised first, into {@code ended}.
   */
  synchronized boolean offer(String source, Instant now, List<Summary> ended) {
    String key = windows.containsKey(source) || windows.size() < maxSources ? source : OTHERS;
    Window current = windows.get(key);
    if (current != null && !now.isBefore(current.start.plus(window))) {
      summary(key, current).ifPresent(ended::add);
      current = null;
    }
    if (current == null) {
      current = new Window(now);
      windows.put(key, current);
    }
    current.failures++;
    return current.failures <= auditedPerWindow;
  }

  /** Ends every window that began before {@code now} minus the window length; their summaries. */
  synchronized List<Summary> drain(Instant now) {
    List<Summary> ended = new ArrayList<>();
    Iterator<Map.Entry<String, Window>> all = windows.entrySet().iterator();
    while (all.hasNext()) {
      Map.Entry<String, Window> entry = all.next();
      if (!now.isBefore(entry.getValue().start.plus(window))) {
        summary(entry.getKey(), entry.getValue()).ifPresent(ended::add);
        all.remove();
      }
    }
    return ended;
  }

  private java.util.Optional<Summary> summary(String source, Window w) {
    int suppressed = w.failures - auditedPerWindow;
    return suppressed > 0
        ? java.util.Optional.of(new Summary(source, w.start, w.start.plus(window), suppressed))
        : java.util.Optional.empty();
  }
}
