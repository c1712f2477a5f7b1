-- Demo widgets for local work: fixed UUIDv7 ids, so a second run finds them and inserts nothing.
-- ON CONFLICT DO NOTHING also steps aside when a widget of yours already has one of these names.

INSERT INTO widget (id, name, status)
VALUES ('019a0000-0000-7000-8000-000000000001', 'Demo anchor bolt', 'ACTIVE'),
       ('019a0000-0000-7000-8000-000000000002', 'Demo hull plate', 'ACTIVE'),
       ('019a0000-0000-7000-8000-000000000003', 'Demo rudder hinge', 'DRAFT'),
       ('019a0000-0000-7000-8000-000000000004', 'Demo tiller arm', 'RETIRED')
ON CONFLICT DO NOTHING;

-- An archived widget, to see that reads leave it out.
INSERT INTO widget (id, name, status, archived_at)
VALUES ('019a0000-0000-7000-8000-000000000005', 'Demo old mast step', 'RETIRED', '2026-01-01T00:00:00Z')
ON CONFLICT DO NOTHING;
