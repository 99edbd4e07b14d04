"""The open data as a spreadsheet (XLSX) and as CSVs for notes and institutions.

Why XLSX beside the CSV: LibreOffice and Excel read a CSV's "8.10" as the number 8.1, so the plan
seemed to have two measures 8.1; in an XLSX every id is stored as text and stays as written."""
from __future__ import annotations

import csv
import datetime
import io
import json
import re

from .model import Site

# Fixed so that two builds of the same content give the same bytes (openpyxl would stamp now).
STAMP = datetime.datetime(2000, 1, 1)


def _rows(records: list[dict]) -> tuple[list[str], list[list]]:
    from .exports import _cell  # one way of flattening lists for CSV and sheet alike
    fields = list(records[0]) if records else []
    return fields, [[_cell(r[f]) for f in fields] for r in records]


def tables(site: Site) -> dict[str, list[dict]]:
    from .exports import institutions_json, measure_records, note_record
    return {"measures": measure_records(site),
            "notes": [note_record(site, n) for n in site.notes],
            "institutions": json.loads(institutions_json(site))["institutions"]}


def table_csv(records: list[dict]) -> bytes:
    from .exports import csv_cell
    fields, rows = _rows(records)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows([[csv_cell(v) for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def workbook(site: Site) -> bytes:
    from openpyxl import Workbook
    book = Workbook()
    book.remove(book.active)
    for name, records in tables(site).items():
        sheet = book.create_sheet(name)
        fields, rows = _rows(records)
        sheet.append(fields)
        for row in rows:
            sheet.append(row)
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never read as a number or formula
                    cell.number_format = "@"
    book.properties.created = book.properties.modified = STAMP
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """openpyxl stamps each zip member with the time of saving: rewrite them with one date."""
    import zipfile
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets "modified" to now when saving
                payload = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", payload)
            target.writestr(fixed, payload)
    return out.getvalue()
