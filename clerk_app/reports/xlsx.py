"""A report as an .xlsx workbook (openpyxl): sheet 汇总 with the table, sheet 逾期 with the overdue list."""

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
    late = book.create_sheet("逾期")
    late.append(list(table.overdue_header))
    for overdue in table.overdue:
        late.append(list(overdue))
    book.save(path)
