-- marsad store, schema version 1.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per distinct body (exact text of the record's `text`).
CREATE TABLE documents (
    doc        INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,   -- 128-bit FNV-1a of the body, hex
    id         TEXT NOT NULL,          -- id of the first record carrying it
    title      TEXT,
    text       TEXT NOT NULL,
    published  TEXT,
    source     TEXT,
    url        TEXT,
    input      TEXT NOT NULL,
    words      INTEGER NOT NULL,
    engine     TEXT NOT NULL,
    kb_version TEXT NOT NULL
);

-- Every input record, linked to the body it carries.
CREATE TABLE records (
    record    TEXT PRIMARY KEY,
    hash      TEXT NOT NULL,           -- documents.hash
    input     TEXT NOT NULL,
    repeat    INTEGER NOT NULL,        -- 1: the body was already stored under another record
    published TEXT,
    source    TEXT
);
CREATE INDEX records_hash ON records(hash);

-- Event mentions as extracted.
CREATE TABLE mentions (
    mention    INTEGER PRIMARY KEY,
    doc        INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    event_id   TEXT NOT NULL,
    type       TEXT NOT NULL,
    mode       TEXT,
    status     TEXT NOT NULL,
    cluster    TEXT,
    date       TEXT,
    precision  TEXT,
    place      TEXT,                   -- most specific resolved place id
    json       TEXT NOT NULL,          -- the full marsad/1 event
    engine     TEXT NOT NULL,
    kb_version TEXT NOT NULL,
    UNIQUE (doc, event_id)
);
CREATE INDEX mentions_type ON mentions(type, status);

-- Fused incidents (rebuilt from mentions).
CREATE TABLE incidents (
    incident      TEXT PRIMARY KEY,
    type          TEXT NOT NULL,
    mode          TEXT,
    status        TEXT NOT NULL,
    date          TEXT,
    precision     TEXT,
    place         TEXT,
    first_report  TEXT,
    last_report   TEXT,
    mentions      INTEGER NOT NULL,
    documents     INTEGER NOT NULL,
    corroboration INTEGER NOT NULL,
    json          TEXT NOT NULL
);
CREATE INDEX incidents_type ON incidents(type, status);

CREATE TABLE incident_mentions (
    incident TEXT NOT NULL REFERENCES incidents(incident) ON DELETE CASCADE,
    mention  INTEGER NOT NULL REFERENCES mentions(mention) ON DELETE CASCADE,
    role     TEXT NOT NULL,            -- mention | term (a planned term of an agreement)
    PRIMARY KEY (incident, mention)
);
CREATE INDEX incident_mentions_mention ON incident_mentions(mention);

CREATE TABLE incident_links (
    incident TEXT NOT NULL,
    other    TEXT NOT NULL,
    kind     TEXT NOT NULL,            -- denies | denied_by
    PRIMARY KEY (incident, other, kind)
);

-- Situation-tracker states of places (rebuilt from incidents).
CREATE TABLE states (
    state     INTEGER PRIMARY KEY,
    place     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    incident  TEXT NOT NULL,
    date      TEXT,
    json      TEXT NOT NULL
);
CREATE INDEX states_place ON states(place);

-- Knowledge-base entries referenced by mentions.
CREATE TABLE places (
    id      TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    kind    TEXT NOT NULL,
    parent  TEXT,
    lat     REAL,
    lon     REAL,
    admin1  TEXT,
    country TEXT NOT NULL
);

CREATE TABLE actors (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    sector  TEXT NOT NULL,
    country TEXT,
    parent  TEXT
);

-- Bad records: never stop a run.
CREATE TABLE errors (
    error  INTEGER PRIMARY KEY,
    record TEXT NOT NULL,
    input  TEXT NOT NULL,
    reason TEXT NOT NULL,
    UNIQUE (record, input, reason)
);
