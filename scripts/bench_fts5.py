#!/usr/bin/env python3
"""SQLite FTS5 peer for scripts/bench: index the benchmark archive, or run one query.

    bench_fts5.py index DB ARCHIVE.jsonl
    bench_fts5.py query DB [--match EXPR] [--from DATE] [--to DATE]

The table holds title and body (stored, searchable) and the date (stored, not
tokenized), tokenized with `porter unicode61`, the FTS5 equivalent of
tantivy's en_stem. A query prints the top 10 by bm25 and the total count, the
same work as `newsdex-search -n 10` minus the entity facets FTS5 cannot give.
"""
import json
import sqlite3
import sys


def index(db, archive):
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, date UNINDEXED, tokenize='porter unicode61')"
    )

    def rows():
        with open(archive, encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                yield (a.get("title", ""), a.get("maintext", ""), a.get("date_publish", ""))

    with con:
        con.executemany("INSERT INTO fts(title, body, date) VALUES (?, ?, ?)", rows())
    n = con.execute("SELECT count(*) FROM fts").fetchone()[0]
    con.close()
    print(json.dumps({"docs": n}))


def query(db, argv):
    match, lo, hi = None, None, None
    it = iter(argv)
    for flag in it:
        value = next(it)
        if flag == "--match":
            match = value
        elif flag == "--from":
            lo = value
        elif flag == "--to":
            hi = value
        else:
            sys.exit(f"unknown flag {flag}")
    where, params = [], []
    if match:
        where.append("fts MATCH ?")
        params.append(match)
    if lo:
        where.append("date >= ?")
        params.append(lo)
    if hi:
        where.append("date <= ?")
        params.append(hi)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    order = " ORDER BY rank" if match else " ORDER BY date DESC"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    top = con.execute(f"SELECT rowid, title, date FROM fts{clause}{order} LIMIT 10", params).fetchall()
    total = con.execute(f"SELECT count(*) FROM fts{clause}", params).fetchone()[0]
    out = sys.stdout
    out.write(f"{total} matches\n")
    for rowid, title, date in top:
        out.write(f"{rowid}\t{date}\t{title}\n")
    return 0 if total else 1


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "index":
        index(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == "query":
        sys.exit(query(sys.argv[2], sys.argv[3:]))
    else:
        sys.exit(__doc__)
