-- Custodian schema, version 3: purge after delivery by crypto-shredding.

-- A purged object keeps its row, which the record's metadata still points at, but loses its
-- wrapped data key for good; its ciphertext is deleted from the blob store.
alter table vault_objects alter column wrapped_key drop not null;
alter table vault_objects add column shredded_at timestamptz;
alter table vault_objects add constraint vault_objects_key_or_shredded
    check ((wrapped_key is null) = (shredded_at is not null));

-- Whether a batch's records are to be purged, fixed when it is delivered from the destination's
-- setting at that moment, and when the purge pass over its records ran.
alter table offload_batches add column purge_due boolean not null default false;
alter table offload_batches add column purged_at timestamptz;
create index offload_batches_purge_due on offload_batches (delivered_at)
    where purge_due and purged_at is null;
