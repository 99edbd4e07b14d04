#!/usr/bin/env python3
"""Write a synthetic content folder in the SITE-CONTRACT format.

    gen_content.py N OUT [--notes-per-measure K] [--base CONTENT_DIR] [--seed S]

N measures (ids like "3.217") spread over the 11 sections (4 and 6 through their
subsections 4.1/4.2 and 6.1/6.2), K dated progress notes per measure in both az and
en (Markdown bodies of 150-400 words with a list, a link and some bold text).

With --base (the project's real content/ folder) site.yaml, sections.yaml,
institutions.yaml and pages/ are copied from it, and the section ids and institution
ids used by the synthetic measures are taken from its measures/*.yaml, so every
reference is valid there. Without --base, plausible stand-ins for those files are
written (the project's own shape for them is not fixed by the contract).

Standard library only (PyYAML is used for --base when importable). Deterministic:
the same arguments give byte-identical output.
"""
import argparse
import json
import os
import random
import re
import shutil
import sys
from datetime import date, timedelta

# ---------------------------------------------------------------- stand-in data

SECTIONS = [
    ("1", "Elektron xidmətlərin təkmilləşdirilməsi", "Improving electronic services", []),
    ("2", "İnformasiya əldə edilməsinin təmin olunması", "Ensuring access to information", []),
    ("3", "Normativ hüquqi aktların vahid internet elektron bazasının fəaliyyətinin təkmilləşdirilməsi",
     "Improving the single online database of legal acts", []),
    ("4", "Vətəndaş cəmiyyəti üzvlərinin fəaliyyətinin genişlənməsi və ictimai iştirakçılığın artması sahəsində",
     "Expanding civil society and public participation",
     [("4.1", "Vətəndaş cəmiyyəti üzvlərinin fəaliyyətinin dəstəklənməsi", "Supporting civil society"),
      ("4.2", "İctimai iştirakçılığın genişləndirilməsi", "Widening public participation")]),
    ("5", "Maliyyə şəffaflığının təmin edilməsi", "Ensuring financial transparency", []),
    ("6", "Yerli özünüidarəetmə orqanlarının fəaliyyəti sahəsində", "Local self-government",
     [("6.1", "Bələdiyyə qulluğuna qəbul prosesində şəffaflığın təmin edilməsi",
       "Transparency in municipal recruitment"),
      ("6.2", "Bələdiyyə qulluqçularının etik davranış qaydaları barədə məlumatlandırılması",
       "Ethics and professionalism of municipal servants")]),
    ("7", "Mədən sənayesində şəffaflığın artırılması", "Transparency in the extractive industries", []),
    ("8", "Korrupsiyanın qarşısının alınması sahəsində tədbirlər və qanunvericiliyin təkmilləşdirilməsi",
     "Preventing corruption and improving the law", []),
    ("9", "Özəl sektorda şəffaflığın və məsuliyyətin artırılması",
     "Transparency and accountability in the private sector", []),
    ("10", "Maarifləndirmə və əməkdaşlıq", "Awareness and cooperation", []),
    ("11", "Fəaliyyət Planının icrasının monitorinqi və nəzarətin təşkili",
     "Monitoring and oversight of the plan", []),
]

INSTITUTIONS = [
    ("cabinet-of-ministers", "Nazirlər Kabineti", "Cabinet of Ministers"),
    ("ministry-of-justice", "Ədliyyə Nazirliyi", "Ministry of Justice"),
    ("ministry-of-economy", "İqtisadiyyat Nazirliyi", "Ministry of Economy"),
    ("ministry-of-finance", "Maliyyə Nazirliyi", "Ministry of Finance"),
    ("ministry-of-taxes", "Vergilər Nazirliyi", "Ministry of Taxes"),
    ("ministry-of-education", "Təhsil Nazirliyi", "Ministry of Education"),
    ("ministry-of-communications", "Rabitə və Yüksək Texnologiyalar Nazirliyi",
     "Ministry of Communications and High Technologies"),
    ("asan-service-agency", "Vətəndaşlara Xidmət və Sosial İnnovasiyalar üzrə Dövlət Agentliyi",
     "State Agency for Public Service and Social Innovations"),
    ("ngo-support-council", "Qeyri-Hökumət Təşkilatlarına Dövlət Dəstəyi Şurası",
     "Council on State Support to NGOs"),
    ("central-and-local-executive-authorities", "Mərkəzi və yerli icra hakimiyyəti orqanları",
     "Central and local executive authorities"),
    ("baku-city-executive-authority", "Bakı Şəhər İcra Hakimiyyəti", "Baku City Executive Authority"),
    ("central-bank", "Mərkəzi Bank", "Central Bank"),
    ("state-oil-fund", "Dövlət Neft Fondu", "State Oil Fund"),
    ("state-property-committee", "Əmlak Məsələləri Dövlət Komitəsi", "State Committee for Property Issues"),
    ("financial-markets-supervisory-authority", "Maliyyə Bazarlarına Nəzarət Palatası",
     "Financial Markets Supervisory Authority"),
    ("appeals-council", "Apellyasiya Şurası", "Appeals Council"),
    ("higher-education-institutions", "Ali təhsil müəssisələri", "Higher education institutions"),
    ("anti-corruption-commission", "Korrupsiyaya qarşı mübarizə üzrə Komissiya",
     "Commission on Combating Corruption"),
    ("prosecutor-general", "Baş Prokurorluq", "Prosecutor General's Office"),
    ("ombudsman", "İnsan hüquqları üzrə Müvəkkil", "Commissioner for Human Rights (Ombudsman)"),
    ("milli-majlis", "Milli Məclis", "Milli Majlis (Parliament)"),
    ("chamber-of-accounts", "Hesablama Palatası", "Chamber of Accounts"),
    ("municipalities", "Bələdiyyələr", "Municipalities"),
    ("national-associations-of-municipalities", "Bələdiyyələrin milli assosiasiyaları",
     "National associations of municipalities"),
]

SITE_YAML = """\
title:
  az: "Açıq hökumətin təşviqinə dair 2016-2018-ci illər üçün Milli Fəaliyyət Planı"
  en: "National Action Plan on Promoting Open Government 2016-2018"
short_title:
  az: "Açıq hökumət 2016-2018"
  en: "Open Government 2016-2018"
description:
  az: "Milli Fəaliyyət Planının tədbirləri və onların icrası barədə məlumatlar"
  en: "The measures of the National Action Plan and progress on each of them"
languages: [az, en]
default_language: az
period: "2016-2018"
"""

ABOUT = {
    "az": ("Plan haqqında",
           "Şəffaflığın artırılması və korrupsiyaya qarşı mübarizə sahəsində davamlı həyata "
           "keçirilən strategiya nəticəsində ölkəmiz böyük uğurlar əldə etmişdir. Açıq hökumət "
           "prinsipləri, daim bu strategiyanın ayrılmaz hissəsi olmuşdur.\n\n"
           "Bu sayt **Milli Fəaliyyət Planının** hər bir tədbirini və onun icrası barədə "
           "məlumatları iki dildə göstərir.\n"),
    "en": ("About the plan",
           "The country's sustained strategy for transparency and against corruption has brought "
           "notable results. Open government principles have always been part of it.\n\n"
           "This site shows every measure of the **National Action Plan** and the progress made "
           "on it, in two languages.\n"),
}

# ---------------------------------------------------------------- vocabulary

AZ_WORDS = """
açıq hökumət şəffaflıq şəffaflığın artırılması korrupsiyaya qarşı mübarizə dövlət orqanları
vətəndaş cəmiyyəti ictimai iştirakçılıq elektron xidmətlər portal informasiya əldə edilməsi
təkmilləşdirilməsi tədbirlər həyata keçirilmişdir müvafiq qanunvericilik bələdiyyələr
maarifləndirmə təlimlər keçirilmişdir hesabat dərc edilmişdir məlumatlar yerləşdirilmişdir
internet səhifəsi mobil tətbiq istifadəçilər müraciətlər qəbul edilmişdir nəticələr
göstəricilər monitorinq nəzarət əməkdaşlıq beynəlxalq təcrübə layihə təşəbbüs dəstək
qeyri-hökumət təşkilatları ictimai şuralar müzakirələr təkliflər hazırlanmışdır
normativ hüquqi akt qəbul edilmişdir büdcə maliyyə satınalmalar açıqlanması vəsait
regionlarda əhatə genişləndirilmişdir sayı artmışdır ötən il ərzində cari rüb çərçivəsində
uğurla davam etdirilir yekunlaşdırılmışdır görüşlər seminarlar konfranslar bağlı
sağlam rəqabət doğru qiymətləndirmə çağırış uğurlu ağır işlər gücləndirilməsi
şikayətlər öyrənilmişdir sənədlər arayışlar göndərilmişdir özəl sektor şirkətlər
mülki cəmiyyət üzvləri ekspertlər gənclər tələbələr müəllimlər yerli icra hakimiyyəti
ölkə üzrə şəhər kənd rayon mərkəz qurum agentlik nazirlik komissiya palata şura
"""

AZ_PROPER = ["İctimai", "İnformasiya", "İqtisadiyyat", "Ədliyyə", "Azərbaycan", "Bakı",
             "Gəncə", "Şəki", "Lənkəran", "Qəbələ", "Şamaxı", "Göyçay", "Ağdaş", "Üçüncü",
             "Ölkə", "Çoxtərəfli", "İcraçı", "Şəffaflıq"]

EN_WORDS = """
open government transparency accountability anti-corruption public bodies civil society
public participation electronic services portal access to information improvement measures
were carried out relevant legislation municipalities awareness training sessions were held
report was published data were posted website mobile application users requests were
received results indicators monitoring oversight cooperation international practice project
initiative support non-governmental organisations public councils consultations proposals
were drafted regulation was adopted budget finance procurement disclosure funds regions
coverage was expanded number increased during the year this quarter within the framework
successfully continues was completed meetings seminars conferences related fair competition
assessment challenge successful complaints were reviewed documents certificates were sent
private sector companies experts young people students teachers local executive authority
nationwide city village district centre institution agency ministry commission chamber council
"""

EN_PROPER = ["Baku", "Ganja", "Sheki", "Lankaran", "Gabala", "Shamakhi", "Azerbaijan",
             "ASAN", "OGP", "the Ministry", "the Commission", "the Council"]

AZ_TITLE_HEADS = ["Mobil tətbiqin istifadəyə verilməsi", "İllik hesabatın dərc edilməsi",
                  "Təlimlərin keçirilməsi", "İctimai müzakirələrin təşkili",
                  "Yeni elektron xidmətlərin tətbiqi", "Qanun layihəsinin hazırlanması",
                  "Regionlarda görüşlərin keçirilməsi", "Məlumat bazasının yenilənməsi",
                  "Şikayətlərin öyrənilməsi", "Ölçmə nəticələrinin açıqlanması"]
EN_TITLE_HEADS = ["Mobile application released", "Annual report published", "Training sessions held",
                  "Public consultations organised", "New electronic services launched",
                  "Draft law prepared", "Regional meetings held", "Database updated",
                  "Complaints reviewed", "Survey results disclosed"]
SLUGS = ["mobile-app", "annual-report", "training", "consultations", "e-services", "draft-law",
         "regional-meetings", "database", "complaints", "survey"]

STATUSES = ["not-started", "limited", "substantial", "completed"]
# Fields the project's content model gained after this generator was written (the brief's
# decisions 1): every note says who reported it, every status who assessed it.
REPORTERS = ["government", "independent"]
ASSESSORS = ["government", "independent", "editorial"]
PERIODS = ["2016", "2017", "2018", "2016-2017", "2016-2018", "2017-2018"]


def words(rng, vocab, n):
    return [rng.choice(vocab) for _ in range(n)]


def sentence(rng, vocab, proper, lang, lo=8, hi=18):
    w = words(rng, vocab, rng.randint(lo, hi))
    if rng.random() < 0.35:
        w.insert(rng.randint(0, len(w)), rng.choice(proper))
    return cap(" ".join(w), lang) + "."


def cap(s, lang="en"):
    """Capitalise the first letter (in Azerbaijani, i -> İ)."""
    if lang == "az" and s[0] == "i":
        return "İ" + s[1:]
    return s[0].upper() + s[1:]


def body(rng, lang, measure_id):
    """A Markdown body of 150-400 words: paragraphs, one list, one link, bold text."""
    vocab, proper = (AZ_VOCAB, AZ_PROPER) if lang == "az" else (EN_VOCAB, EN_PROPER)
    target = rng.randint(150, 400)
    parts, count = [], 0
    list_at = rng.randint(1, 2)
    link_word = "hesabat" if lang == "az" else "the report"
    para_i = 0
    while count < target:
        sents = []
        for _ in range(rng.randint(2, 5)):
            s = sentence(rng, vocab, proper, lang)
            sents.append(s)
            count += s.count(" ") + 1
            if count >= target:
                break
        if para_i == 0:
            # bold phrase and a link in the first paragraph
            b = " ".join(words(rng, vocab, 3))
            sents.insert(1, "**%s** %s." % (cap(b, lang), " ".join(words(rng, vocab, 4))))
            sents.append("[%s](https://example.org/reports/%s/%d.pdf)." % (
                cap(link_word), measure_id.replace(".", "-"), rng.randint(1, 999)))
            count += 9
        parts.append(" ".join(sents))
        if para_i == list_at:
            items = []
            for _ in range(rng.randint(3, 5)):
                it = cap(" ".join(words(rng, vocab, rng.randint(3, 8))), lang)
                if rng.random() < 0.3:
                    it = "**%s**" % it
                items.append("- " + it)
                count += it.count(" ") + 1
            parts.append("\n".join(items))
        para_i += 1
    return "\n\n".join(parts) + "\n"


AZ_VOCAB = AZ_WORDS.split()
EN_VOCAB = EN_WORDS.split()


def q(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def flow_list(items):
    return "[" + ", ".join(items) + "]"


# ---------------------------------------------------------------- base content

def _ids_from_yaml_text(text):
    """Fallback when PyYAML is missing: section, implementers, recommended."""
    out = {"section": None, "implementers": [], "recommended": []}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r'^(section|implementers|recommended)\s*:\s*(.*?)\s*(#.*)?$', line)
        if m:
            key, val = m.group(1), m.group(2)
            if key == "section":
                out["section"] = val.strip("'\"")
            elif val.startswith("["):
                out[key] = [v.strip().strip("'\"") for v in val.strip("[]").split(",") if v.strip()]
            elif val == "":
                j = i + 1
                while j < len(lines) and re.match(r'^\s+-\s+', lines[j]):
                    out[key].append(re.sub(r'^\s+-\s+', "", lines[j]).split("#")[0].strip().strip("'\""))
                    j += 1
        i += 1
    return out


def read_base(base):
    try:
        import yaml  # noqa
    except ImportError:
        yaml = None
    mdir = os.path.join(base, "measures")
    sections, insts = set(), set()
    for fn in sorted(os.listdir(mdir)):
        if not fn.endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(mdir, fn), encoding="utf-8") as f:
            text = f.read()
        if yaml is not None:
            d = yaml.safe_load(text) or {}
        else:
            d = _ids_from_yaml_text(text)
        if d.get("section") is not None:
            sections.add(str(d["section"]))
        for k in ("implementers", "recommended"):
            for v in d.get(k) or []:
                insts.add(str(v))
    if not sections or not insts:
        sys.exit("gen_content: no section or institution ids found in %s" % mdir)

    def key(s):
        return [int(p) if p.isdigit() else p for p in s.split(".")]
    return sorted(sections, key=key), sorted(insts)


# ---------------------------------------------------------------- writers

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


MAX_PER_LEAF = 99


def add_sections(out, n, leaves):
    """Append top-level sections 12, 13, ... (two subsections each) to out/sections.yaml
    until n measures fit at most MAX_PER_LEAF per leaf; return the new leaves as slots."""
    extra = -(-(-(-n // MAX_PER_LEAF) - leaves) // 2)
    lines, slots = ["", "# Stand-in sections added for the benchmark's scale."], []
    for k in range(12, 12 + extra):
        lines += ['- id: "%d"' % k, "  title:", '    az: "Əlavə bölmə %d"' % k,
                  '    en: "Additional section %d"' % k, "  subsections:"]
        for j in (1, 2):
            lines += ['    - id: "%d.%d"' % (k, j), "      title:",
                      '        az: "Əlavə yarımbölmə %d.%d"' % (k, j),
                      '        en: "Additional subsection %d.%d"' % (k, j)]
            slots.append(["%d.%d" % (k, j)])
    with open(os.path.join(out, "sections.yaml"), "a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return slots


def write_standins(out):
    write(os.path.join(out, "site.yaml"), SITE_YAML)
    lines = ["# The 11 sections of the plan and their subsections (stand-in shape)."]
    for sid, az, en, subs in SECTIONS:
        lines += ["- id: %s" % q(sid), "  title:", "    az: %s" % q(az), "    en: %s" % q(en)]
        if subs:
            lines.append("  subsections:")
            for ssid, saz, sen in subs:
                lines += ["    - id: %s" % q(ssid), "      title:", "        az: %s" % q(saz),
                          "        en: %s" % q(sen)]
    write(os.path.join(out, "sections.yaml"), "\n".join(lines) + "\n")
    lines = ["# Implementing and recommended bodies, by id (stand-in shape)."]
    for iid, az, en in INSTITUTIONS:
        lines += ["- id: %s" % iid, "  name:", "    az: %s" % q(az), "    en: %s" % q(en)]
    write(os.path.join(out, "institutions.yaml"), "\n".join(lines) + "\n")
    for lang, (title, text) in ABOUT.items():
        write(os.path.join(out, "pages", "about.%s.md" % lang),
              "---\ntitle: %s\n---\n%s" % (q(title), text))


def leaf_sections_standin():
    """Slots for round-robin: each top-level section once; 4 and 6 alternate subsections."""
    slots = []
    for sid, _az, _en, subs in SECTIONS:
        slots.append([s[0] for s in subs] if subs else [sid])
    return slots


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of measures")
    ap.add_argument("out", help="content folder to write (replaced if it exists)")
    ap.add_argument("--notes-per-measure", type=int, default=1, metavar="K")
    ap.add_argument("--base", metavar="CONTENT_DIR", help="the project's real content/ folder")
    ap.add_argument("--seed", type=int, default=20160101)
    a = ap.parse_args(argv)
    if a.n < 1 or a.notes_per_measure < 0:
        ap.error("N must be >= 1 and K >= 0")
    rng = random.Random(a.seed)
    aside = random.Random(a.seed + 1)

    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)

    if a.base:
        for fn in ("site.yaml", "sections.yaml", "institutions.yaml"):
            shutil.copy2(os.path.join(a.base, fn), os.path.join(a.out, fn))
        if os.path.isdir(os.path.join(a.base, "pages")):
            shutil.copytree(os.path.join(a.base, "pages"), os.path.join(a.out, "pages"))
        section_ids, inst_ids = read_base(a.base)
        # group leaf ids by top-level section so measures spread over the 11 sections
        groups = {}
        for s in section_ids:
            groups.setdefault(s.split(".")[0], []).append(s)
        slots = [groups[k] for k in sorted(groups, key=lambda x: int(x) if x.isdigit() else 0)]
        if a.n > MAX_PER_LEAF * len(section_ids):
            # Plans number measures 1.1 to 99.99: past 99 per section, add stand-in sections
            # (each with two subsections) and spread the measures evenly over every leaf.
            slots = [[s] for s in section_ids] + add_sections(a.out, a.n, len(section_ids))
    else:
        write_standins(a.out)
        slots = leaf_sections_standin()
        inst_ids = [i[0] for i in INSTITUTIONS]

    counters = {}
    mdir = os.path.join(a.out, "measures")
    pdir = os.path.join(a.out, "progress")
    os.makedirs(mdir)
    os.makedirs(pdir)
    start = date(2016, 1, 15)
    n_notes = 0
    for i in range(a.n):
        slot = slots[i % len(slots)]
        section = slot[(i // len(slots)) % len(slot)]
        counters[section] = counters.get(section, 0) + 1
        mid = "%s.%d" % (section, counters[section])
        idd = mid.replace(".", "-")
        k_impl = rng.choice([1, 1, 2, 2, 3])
        chosen = rng.sample(inst_ids, min(len(inst_ids), k_impl + 2))
        impl = chosen[:k_impl]
        rec = chosen[k_impl:k_impl + rng.choice([0, 0, 1, 2])]
        period = rng.choice(PERIODS)
        has_status = rng.random() < 0.4
        title_az = cap(" ".join(words(rng, AZ_VOCAB, rng.randint(10, 24))), "az")
        title_en = cap(" ".join(words(rng, EN_VOCAB, rng.randint(10, 24))))
        ind_az = cap(" ".join(words(rng, AZ_VOCAB, rng.randint(6, 14))), "az")
        ind_en = cap(" ".join(words(rng, EN_VOCAB, rng.randint(6, 14))))
        lines = [
            "id: %s" % q(mid),
            "section: %s" % q(section),
            "title:",
            "  az: %s" % q(title_az),
            "  en: %s" % q(title_en),
            "indicators:",
            "  az: %s" % q(ind_az),
            "  en: %s" % q(ind_en),
            "implementers: %s" % flow_list(impl),
            "recommended: %s" % flow_list(rec),
            "period: %s" % q(period),
        ]
        if has_status:
            lines.append("status: %s" % rng.choice(STATUSES))
            lines.append("assessed_by: %s" % aside.choice(ASSESSORS))
        lines.append("aliases: []")
        write(os.path.join(mdir, mid + ".yaml"), "\n".join(lines) + "\n")

        # K notes, distinct dates, spread over 2016-2018
        offsets = sorted(rng.sample(range(0, 3 * 365), a.notes_per_measure)) if a.notes_per_measure else []
        for off in offsets:
            d = start + timedelta(days=off)
            t = rng.randrange(len(SLUGS))
            name = "%s-%s-%s" % (d.isoformat(), idd, SLUGS[t])
            status = rng.choice(STATUSES) if rng.random() < 0.3 else None
            has_title = rng.random() < 0.75
            # drawn apart from the original generator's stream, so the rest of the content is unchanged
            reporter, assessor = aside.choice(REPORTERS), aside.choice(ASSESSORS)
            sources = ["https://example.org/evidence/%s/%d.pdf" % (idd, rng.randint(1, 9999))
                       for _ in range(rng.choice([0, 1, 1, 2]))]
            for lang, heads in (("az", AZ_TITLE_HEADS), ("en", EN_TITLE_HEADS)):
                fm = ["---", "measure: %s" % q(mid), "date: %s" % d.isoformat(), "reported_by: %s" % reporter]
                if status:
                    fm.append("status: %s" % status)
                    fm.append("assessed_by: %s" % assessor)
                if has_title:
                    fm.append("title: %s" % q(heads[t]))
                if sources:
                    fm.append("sources:")
                    fm += ["  - %s" % s for s in sources]
                fm.append("---")
                write(os.path.join(pdir, "%s.%s.md" % (name, lang)),
                      "\n".join(fm) + "\n" + body(rng, lang, mid))
                n_notes += 1
    print("gen_content: %d measures, %d note files (%d per measure x 2 languages) in %s"
          % (a.n, n_notes, a.notes_per_measure, a.out))


if __name__ == "__main__":
    main()
