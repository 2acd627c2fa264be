-- Custodian schema, version 6: listing records over the API, and keys limited to a sub-organisation.
--
-- Every list walks one organisation's records in intake order (keyset on intake_seq, never OFFSET):
-- each filter's index ends in intake_seq, so that a filtered page is one ordered index range scan
-- however deep the cursor is. A time range instead picks the page's intake numbers from its time
-- index alone (it carries the other filter columns, so no row is read), then fetches those rows.

create index recordings_list_by_sub_org on recordings (org_id, sub_org_id, intake_seq);
create index recordings_list_by_direction on recordings (org_id, direction, intake_seq);
create index recordings_list_by_started on recordings (org_id, started_at)
    include (intake_seq, sub_org_id, direction);
create index recordings_list_by_received on recordings (org_id, received_at)
    include (intake_seq, sub_org_id, direction);

create index messages_list_by_sub_org on messages (org_id, sub_org_id, intake_seq);
create index messages_list_by_channel on messages (org_id, channel, intake_seq);
create index messages_list_by_direction on messages (org_id, direction, intake_seq);
create index messages_list_by_sent on messages (org_id, sent_at)
    include (intake_seq, sub_org_id, direction, channel);
create index messages_list_by_received on messages (org_id, received_at)
    include (intake_seq, sub_org_id, direction, channel);

-- Who took part in each record, one row per distinct address: a call's participants' numbers and
-- user ids, a message's sender and recipients. Written with the record, in its transaction; the
-- participant filter walks it in intake order.
create table record_parties (
    org_id      text not null,
    kind        text not null check (kind in ('recording', 'message')),
    party       text not null,
    intake_seq  bigint not null,
    primary key (org_id, kind, party, intake_seq)
);

insert into record_parties (org_id, kind, party, intake_seq)
select r.org_id, 'recording', p.party, r.intake_seq
  from recordings r
 cross join lateral (
       select e ->> 'number' as party from jsonb_array_elements(r.participants::jsonb) e
       union
       select e ->> 'userId' from jsonb_array_elements(r.participants::jsonb) e) p
 where p.party is not null
on conflict do nothing;

insert into record_parties (org_id, kind, party, intake_seq)
select m.org_id, 'message', p.party, m.intake_seq
  from messages m
 cross join lateral (
       select m.sender as party
       union
       select jsonb_array_elements_text(m.recipients::jsonb)) p
on conflict do nothing;

-- A key of a main organisation may be limited to one of its sub-organisations.
alter table api_keys add column sub_org_id text;
alter table api_keys add constraint api_keys_sub_org
    foreign key (org_id, sub_org_id) references sub_organisations (org_id, id);
