-- Custodian schema, version 8: time-filtered lists cost the days of their range, not its records;
-- each record carries when it was first delivered to each destination, for the list's filters.
--
-- A list is ordered by intake number, a time range is not, so no index of the time alone gives a
-- range's page in order: it had to be read whole and sorted. Each record now also carries the UTC
-- day (days since 1970-01-01) of its own time and of its intake, and an index per day keyed by
-- intake number: a time-filtered page walks each day of the range from the cursor, at most a page
-- a day, and keeps the lowest intake numbers. The days are set by the application with the times;
-- the checks keep every writer to the same rule.

alter table recordings
    add column started_day  integer,
    add column received_day integer;
update recordings
   set started_day = floor(extract(epoch from started_at) / 86400)::integer,
       received_day = floor(extract(epoch from received_at) / 86400)::integer;
alter table recordings
    alter column started_day set not null,
    alter column received_day set not null,
    add constraint recordings_started_day
        check (started_day = floor(extract(epoch from started_at) / 86400)),
    add constraint recordings_received_day
        check (received_day = floor(extract(epoch from received_at) / 86400));

alter table messages
    add column sent_day     integer,
    add column received_day integer;
update messages
   set sent_day = floor(extract(epoch from sent_at) / 86400)::integer,
       received_day = floor(extract(epoch from received_at) / 86400)::integer;
alter table messages
    alter column sent_day set not null,
    alter column received_day set not null,
    add constraint messages_sent_day
        check (sent_day = floor(extract(epoch from sent_at) / 86400)),
    add constraint messages_received_day
        check (received_day = floor(extract(epoch from received_at) / 86400));

-- When each record was first delivered to each destination (null: not yet), kept by the records
-- module as the offload tells it, in the offload's own transactions: SFTP (the voice or messages
-- batch verified on the server), mail (the journaling server's 250) and the API (acknowledged).
alter table recordings
    add column sftp_delivered_at timestamptz,
    add column acknowledged_at   timestamptz;
alter table messages
    add column sftp_delivered_at timestamptz,
    add column mail_delivered_at timestamptz,
    add column acknowledged_at   timestamptz;

update recordings r
   set sftp_delivered_at = d.at
  from (select i.record_id, min(b.delivered_at) as at
          from offload_batch_items i join offload_batches b on b.id = i.batch_id
         where b.stream = 'voice' and b.status = 'delivered'
         group by i.record_id) d
 where r.id = d.record_id;
update messages m
   set sftp_delivered_at = d.at
  from (select i.record_id, min(b.delivered_at) as at
          from offload_batch_items i join offload_batches b on b.id = i.batch_id
         where b.stream = 'messages' and b.status = 'delivered'
         group by i.record_id) d
 where m.id = d.record_id;
update messages m
   set mail_delivered_at = d.at
  from (select i.record_id, min(i.settled_at) as at
          from offload_batch_items i join offload_batches b on b.id = i.batch_id
         where b.stream = 'mail' and i.state = 'delivered'
         group by i.record_id) d
 where m.id = d.record_id;
update recordings r set acknowledged_at = a.acknowledged_at
  from acknowledgements a where a.org_id = r.org_id and a.record_id = r.id;
update messages m set acknowledged_at = a.acknowledged_at
  from acknowledgements a where a.org_id = m.org_id and a.record_id = m.id;

-- What is not yet delivered somewhere is walked in intake order through a partial index, which
-- holds only the records still waiting for that destination.
create index recordings_sftp_undelivered on recordings (org_id, intake_seq)
    where sftp_delivered_at is null;
create index recordings_unacknowledged on recordings (org_id, intake_seq)
    where acknowledged_at is null;
create index messages_sftp_undelivered on messages (org_id, intake_seq)
    where sftp_delivered_at is null;
create index messages_mail_undelivered on messages (org_id, intake_seq)
    where mail_delivered_at is null;
create index messages_unacknowledged on messages (org_id, intake_seq)
    where acknowledged_at is null;

-- The day indexes carry the other filter columns, so a day is walked without reading rows.
drop index recordings_list_by_started;
drop index recordings_list_by_received;
create index recordings_list_by_started_day on recordings (org_id, started_day, intake_seq)
    include (started_at, received_at, sub_org_id, direction, sftp_delivered_at, acknowledged_at);
create index recordings_list_by_received_day on recordings (org_id, received_day, intake_seq)
    include (started_at, received_at, sub_org_id, direction, sftp_delivered_at, acknowledged_at);

drop index messages_list_by_sent;
drop index messages_list_by_received;
create index messages_list_by_sent_day on messages (org_id, sent_day, intake_seq)
    include (sent_at, received_at, sub_org_id, direction, channel, sftp_delivered_at,
             mail_delivered_at, acknowledged_at);
create index messages_list_by_received_day on messages (org_id, received_day, intake_seq)
    include (sent_at, received_at, sub_org_id, direction, channel, sftp_delivered_at,
             mail_delivered_at, acknowledged_at);

-- A participant's walk checks the record's times in its own index, without reading the record.
alter table record_parties
    add column record_time timestamptz,
    add column received_at timestamptz;
update record_parties p
   set record_time = r.started_at, received_at = r.received_at
  from recordings r
 where p.kind = 'recording' and r.org_id = p.org_id and r.intake_seq = p.intake_seq;
update record_parties p
   set record_time = m.sent_at, received_at = m.received_at
  from messages m
 where p.kind = 'message' and m.org_id = p.org_id and m.intake_seq = p.intake_seq;
alter table record_parties
    alter column record_time set not null,
    alter column received_at set not null,
    drop constraint record_parties_pkey,
    add primary key (org_id, kind, party, intake_seq) include (record_time, received_at);
