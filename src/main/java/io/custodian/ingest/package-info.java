/**
 * Intake: call recordings (multipart WAV plus metadata) and messages (JSON) arrive over HTTP, are
 * validated strictly, streamed into the vault and committed with their audit entry before the
 * sender is told 201. Replays of the same {@code sourceId} are idempotent.
 */
@NullMarked
package io.custodian.ingest;

import org.jspecify.annotations.NullMarked;
