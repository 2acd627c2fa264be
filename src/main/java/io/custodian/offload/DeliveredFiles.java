package io.custodian.offload;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the batch's files were delivered as, written to the database in groups rather than one
 * commit per file. A group lost to a crash costs only a re-read: a resumed delivery hashes a file
 * it finds on the server without a recorded SHA-256.
 */
final class DeliveredFiles {

  private static final Logger log = LoggerFactory.getLogger(DeliveredFiles.class);
  private static final int GROUP = 50;

  private final UUID batchId;
  private final BatchItems batchItems;
  private final TransactionTemplate transactions;
  private final List<BatchItems.Delivered> pending = new ArrayList<>();

  DeliveredFiles(UUID batchId, BatchItems batchItems, TransactionTemplate transactions) {
    this.batchId = batchId;
    this.batchItems = batchItems;
    this.transactions = transactions;
  }

  void add(BatchItems.Delivered file) {
    List<BatchItems.Delivered> group = null;
    synchronized (pending) {
      pending.add(file);
      if (pending.size() >= GROUP) {
        group = List.copyOf(pending);
        pending.clear();
      }
    }
    if (group != null) {
      write(group);
    }
  }

  /** Writes what is left, after the batch or its failure; a failure here is only logged. */
  void flushQuietly() {
    List<BatchItems.Delivered> rest;
    synchronized (pending) {
      rest = List.copyOf(pending);
      pending.clear();
    }
    try {
      write(rest);
    } catch (RuntimeException e) {
      log.warn("Could not record {} delivered files of batch {}", rest.size(), batchId, e);
    }
  }

  private void write(List<BatchItems.Delivered> group) {
    if (!group.isEmpty()) {
      transactions.executeWithoutResult(status -> batchItems.delivered(batchId, group));
    }
  }
}
