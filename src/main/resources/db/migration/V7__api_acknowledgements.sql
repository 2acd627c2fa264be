-- Custodian schema, version 7: the API destination. A customer that pulls records over the API
-- acknowledges each one it has safely archived; an acknowledgement is that record's delivery to
-- the API destination, and, where the organisation allows it, lets the purge gate act.

-- Configured once per main organisation: whether acknowledged records may be purged. Its
-- presence makes acknowledgement one of the deliveries a record needs before any purge.
create table api_destinations (
    org_id                      text primary key references organisations (id),
    purge_after_acknowledgement boolean not null,
    updated_at                  timestamptz not null
);

-- One row per acknowledged record, never changed: acknowledging again changes nothing.
create table acknowledgements (
    org_id          text not null references organisations (id),
    record_id       uuid not null,
    kind            text not null check (kind in ('recording', 'message')),
    acknowledged_at timestamptz not null,
    actor           text not null,
    primary key (org_id, record_id)
);
