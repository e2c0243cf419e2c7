"""A report as an .xlsx workbook (openpyxl): sheet 汇总 with the table, then one sheet per section (逾期, 好差评,
差评, 按日)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from clerk_app.reports.table import ReportTable


def write_xlsx(table: ReportTable, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "汇总"
    sheet.append([table.title, table.subtitle])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(list(table.header))
    for row in table.rows:
        sheet.append(list(row))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)  # the total
    sheet.append([])
    for note in table.notes:
        sheet.append([note])
    sheet.column_dimensions["A"].width = 28
    for section in table.sections:
        extra = book.create_sheet(section.name)
        extra.append(list(section.header))
        for row in section.rows:
            extra.append(list(row))
        extra.column_dimensions["A"].width = 24
    book.save(path)
