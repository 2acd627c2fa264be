package io.custodian.records.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of a list.
 *
 * @param items the records' metadata, each with its links
 * @param next the cursor of the next page when more records match now; null at the end
 * @param resume the position after this page, to continue from later (an hourly pull stores it);
 *     null only when nothing was listed yet
 * @param links this page and the next one, with the same filters
 */
record RecordPage(
    List<ObjectNode> items, @Nullable String next, @Nullable String resume, Links links) {

  /** Paths of this page and of the next one (null at the end). */
  record Links(String self, @Nullable String next) {}
}
