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
