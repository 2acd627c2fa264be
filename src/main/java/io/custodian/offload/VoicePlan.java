package io.custodian.offload;

import io.custodian.records.Recording;
import io.custodian.records.Recordings;
import io.custodian.vault.StoredObject;
import io.custodian.vault.Vault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A voice batch's items with their recordings and vault objects, read from the database {@value
 * #CHUNK} items at a time before the batch's connection is open: database work only, no content is
 * read.
 */
record VoicePlan(
    List<BatchItems.Item> items, Map<UUID, Recording> calls, Map<UUID, StoredObject> objects) {

  static final int CHUNK = 500;

  static VoicePlan read(Batch batch, BatchItems batchItems, Recordings recordings, Vault vault) {
    List<BatchItems.Item> items = batchItems.items(batch.id());
    Map<UUID, Recording> calls = new HashMap<>();
    Map<UUID, StoredObject> objects = new HashMap<>();
    for (int from = 0; from < items.size(); from += CHUNK) {
      List<UUID> ids = new ArrayList<>();
      for (BatchItems.Item item : items.subList(from, Math.min(items.size(), from + CHUNK))) {
        ids.add(item.recordId());
      }
      Map<UUID, Recording> found = recordings.findAll(batch.orgId(), ids);
      calls.putAll(found);
      List<UUID> objectIds = new ArrayList<>();
      found.values().forEach(call -> objectIds.add(call.audio().objectId()));
      objects.putAll(vault.describeAll(batch.orgId(), objectIds));
    }
    return new VoicePlan(items, calls, objects);
  }

  /**
   * The vault objects an attempt reads, given what the server holds ({@code listed}: name to size):
   * every item whose file is not there yet, and every one there whose hash was not recorded.
   */
  List<UUID> toRead(Map<String, Long> listed) {
    List<UUID> toRead = new ArrayList<>();
    for (BatchItems.Item item : items) {
      Recording call = calls.get(item.recordId());
      if (call != null && (!listed.containsKey(item.fileName()) || item.fileSha256() == null)) {
        toRead.add(call.audio().objectId());
      }
    }
    return toRead;
  }
}
