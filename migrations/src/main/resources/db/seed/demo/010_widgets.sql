-- Demo widgets for local work: fixed UUIDv7 ids, so a second run finds them and inserts nothing.
-- ON CONFLICT DO NOTHING also steps aside when a widget of yours already has one of these names.
-- Seeds are written by 'system', the application's own actor (Actor.system()).

INSERT INTO widget (id, name, status, created_by, updated_by)
VALUES ('019a0000-0000-7000-8000-000000000001', 'Demo anchor bolt', 'ACTIVE', 'system', 'system'),
       ('019a0000-0000-7000-8000-000000000002', 'Demo hull plate', 'ACTIVE', 'system', 'system'),
       ('019a0000-0000-7000-8000-000000000003', 'Demo rudder hinge', 'DRAFT', 'system', 'system'),
       ('019a0000-0000-7000-8000-000000000004', 'Demo tiller arm', 'RETIRED', 'system', 'system')
ON CONFLICT DO NOTHING;

-- An archived widget, to see that reads leave it out.
INSERT INTO widget (id, name, status, archived_at, created_by, updated_by)
VALUES ('019a0000-0000-7000-8000-000000000005', 'Demo old mast step', 'RETIRED', '2026-01-01T00:00:00Z', 'system', 'system')
ON CONFLICT DO NOTHING;
