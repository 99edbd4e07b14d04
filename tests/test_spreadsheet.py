"""The XLSX and the CSVs of notes and institutions agree with the JSON, ids kept as text."""
import csv
import re
import io
import json

import openpyxl
import pytest

from napsite.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    assert main(["--no-cache", "--output", str(out)]) == 0
    return out / "data"


def _json(data, name, key):
    return json.loads((data / name).read_text("utf-8"))[key]


@pytest.mark.parametrize("name", ["measures", "notes", "institutions"])
def test_every_row_and_id_kept_as_text(built, name):
    records = _json(built, f"{name}.json", name)
    sheet = openpyxl.load_workbook(built / "open-government-az.xlsx")[name]
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [r["id"] for r in records]
    assert all(isinstance(c.value, str) for c in sheet["A"][1:])
    table = list(csv.DictReader(io.StringIO((built / f"{name}.csv").read_text("utf-8-sig"))))
    assert [r["id"] for r in table] == [r["id"] for r in records]


def test_measure_8_10_intact(built):
    sheet = openpyxl.load_workbook(built / "open-government-az.xlsx")["measures"]
    assert "8.10" in [c.value for c in sheet["A"]]


def test_two_builds_byte_identical(built, tmp_path):
    assert main(["--no-cache", "--output", str(tmp_path / "again")]) == 0
    assert (tmp_path / "again/data/open-government-az.xlsx").read_bytes() == (built / "open-government-az.xlsx").read_bytes()


def test_data_page_offers_every_table_file_and_says_how_to_open_a_csv(built):
    from bs4 import BeautifulSoup
    site = built.parent
    for lang, word in (("az", "UTF-8"), ("en", "UTF-8")):
        doc = BeautifulSoup((site / f"{lang}/data/index.html").read_text("utf-8"), "html.parser")
        hrefs = {a["href"].rsplit("/", 1)[-1] for a in doc.select("main a[href]")}
        for name in ("open-government-az.xlsx", "measures.csv", "notes.csv", "institutions.csv"):
            assert name in hrefs, (lang, name)
            assert (built / name).is_file()
        text = doc.get_text(" ")
        assert word in text and "8.10" in text and re.search(r"8\.1(?![0-9])", text), lang


def test_names_and_labels_stand_beside_the_ids_and_codes(built):
    """A spreadsheet reader sees who and what, not only ids and codes: each name column holds
    the names of the ids beside it, in order, and each label column the verdict or level as that
    language's pages name it."""
    from napsite.i18n import translations
    from napsite.statuses import STATUS_INFO, VERDICTS

    measures = _json(built, "measures.json", "measures")
    bodies = _json(built, "institutions.json", "institutions")
    names = {b["id"]: b for b in bodies}
    for lang in ("az", "en"):
        gettext = translations(lang).gettext
        for m in measures:
            for role in ("implementers", "recommended"):
                assert m[f"{role}_{lang}"] == [names[i][f"name_{lang}"] for i in m[role]], (m["id"], role)
            assert m[f"verdict_{lang}"] == gettext(VERDICTS[m["verdict"]].label)
            assert m[f"status_{lang}"] == gettext(STATUS_INFO[m["status"]].label)
    az_labels = {m["verdict_az"] for m in measures}
    assert az_labels.isdisjoint({m["verdict_en"] for m in measures}), "the Azerbaijani labels are translated"
    sheet = openpyxl.load_workbook(built / "open-government-az.xlsx")["measures"]
    header = [c.value for c in sheet[1]]
    for column in ("implementers_az", "implementers_en", "verdict_az", "verdict_en", "status_az", "status_en"):
        assert column in header
    assert header.index("verdict_az") == header.index("verdict") + 1


def test_the_data_package_validates_and_types_ids_as_text(built):
    """frictionless's own validator passes every CSV against its Table Schema; a reader of the
    package gets 8.10 as the text "8.10" and the years as numbers."""
    import frictionless

    report = frictionless.validate(str(built / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    assert [t.name for t in report.tasks] == ["measures", "notes", "institutions"]
    package = frictionless.Package(str(built / "datapackage.json"))
    rows = package.get_resource("measures").read_rows()
    ids = [r["id"] for r in rows]
    assert "8.10" in ids and "8.1" in ids and all(isinstance(i, str) for i in ids)
    assert all(isinstance(r["period_end"], int) for r in rows)
    described = json.loads((built / "datapackage.json").read_text("utf-8"))
    for resource in described["resources"]:
        header = next(csv.reader(io.StringIO((built / resource["path"]).read_text("utf-8-sig"))))
        assert [f["name"] for f in resource["schema"]["fields"]] == header


def test_the_data_package_catches_a_broken_row(built, tmp_path):
    """The schema has teeth: a verdict no one defined, or a measure number that is not one, fails."""
    import frictionless
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(built, copy)
    rows = list(csv.reader(io.StringIO((copy / "measures.csv").read_text("utf-8-sig"))))
    column = rows[0].index("verdict")
    rows[1][column] = "finished"  # a verdict no one defined
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (copy / "measures.csv").write_text("\ufeff" + out.getvalue(), "utf-8")
    assert not frictionless.validate(str(copy / "datapackage.json")).valid
