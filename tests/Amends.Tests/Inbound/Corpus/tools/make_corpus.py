"""Writes the labelled corpus: one .eml per case and manifest.json, into the folder above.

Run from this folder: python3 make_corpus.py. The customer texts are in cases_*.py; mailshapes.py
gives each the shape of its mail program. Output is deterministic.
"""
import json, os, re
import cases_en, cases_it, cases_pl, cases_nb
from mailshapes import build

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)

import cases_holdout, cases_blind, cases_blind2, cases_blind3, cases_blind4
HOLDOUT = cases_holdout.CASES + cases_blind.CASES + cases_blind2.CASES + cases_blind3.CASES + cases_blind4.CASES

cases = cases_en.CASES + cases_it.CASES + cases_pl.CASES + cases_nb.CASES + HOLDOUT
names = [c["name"] for c in cases]
assert len(names) == len(set(names)), "duplicate case names"

for old in os.listdir(OUT):
    if old.endswith(".eml"):
        os.remove(os.path.join(OUT, old))

built, manifest = {}, []
for i, case in enumerate(cases):
    if str(case.get("in_reply_to", "")).startswith("@"):
        case["in_reply_to"] = built[case["in_reply_to"][1:]][2]
    raw, entry = build(case, i)
    found = re.search(rb"^Message-ID:\s*(<[^>]+>)", raw, re.M | re.I)
    assert found, case["name"]
    mid = found.group(1).decode()
    built[case["name"]] = (raw, entry, mid)
    if "joins_seed" in case:
        entry["seed"] = {"id": case["joins_seed"]}
    if "joins" in case:
        entry["joins"] = case["joins"]
    if case.get("routing"):
        entry["routing"] = True
    with open(os.path.join(OUT, case["name"] + ".eml"), "wb") as f:
        f.write(raw)
    manifest.append(entry)

# The same mail delivered again: exactly the same post; with one more Received header (a store alias
# forwarding it); once parsed and once raw.
def again(name, of, how, routing):
    raw, entry, _ = built[of]
    if how == "received":
        raw = b"Received: from mx.alias.shop.example (mx.alias.shop.example [192.0.2.44])\r\n\tby mx.sendgrid.net with ESMTP id 4C1D2E3F; Wed, 11 Nov 2026 09:14:02 +0000\r\n" + raw
    with open(os.path.join(OUT, name + ".eml"), "wb") as f:
        f.write(raw)
    dup = dict(entry, name=name, outcome="duplicate", duplicateOf=of)
    dup["mode"] = {"parsed": "raw", "raw": "parsed"}[entry["mode"]] if how == "other-mode" else entry["mode"]
    dup.pop("seed", None)
    if routing:
        dup["routing"] = True
    manifest.append(dup)

again("dup-same-post-en-gmail-wont-switch-on", "en-gmail-wont-switch-on", "same", False)
again("dup-alias-hop-it-gmail-non-funziona", "it-gmail-non-funziona", "received", True)
again("dup-other-mode-pl-gmail-przestal-dzialac", "pl-gmail-przestal-dzialac", "other-mode", True)

with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
    json.dump(manifest, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(len(manifest), "mails")
