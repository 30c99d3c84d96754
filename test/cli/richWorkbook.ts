/**
 * A workbook with much of what real assessment workbooks carry — merges, fonts, fills, borders, number
 * formats, widths, heights, hidden rows and columns, data validations, defined names, notes, conditional
 * formats, frozen panes, formulas (plain, shared, with and without cached results), rich text, hyperlinks,
 * errors, dates, a hidden sheet, print settings, and an earlier 考核结果 with a note and a print area — for the
 * tests of the xlsx adapter. (A note on a cell that is otherwise empty is left out: ExcelJS does not read
 * those; test/fixtures/cli/charts-pivot.xlsx has one.)
 *
 * test/fixtures/cli/rich-libreoffice.xlsx is this workbook (before its note and print settings on 考核结果 and
 * 经营业绩 were added) saved by LibreOffice Calc 7 (`soffice --headless --convert-to xlsx`), so that reading
 * and writing are also checked on another producer's file.
 */
import ExcelJS from "exceljs";

export const RICH_SHEETS = ["说明页", "考核对象", "考核结果", "经营业绩", "隐藏参数"];

export function richWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "测试";

  const intro = wb.addWorksheet("说明页", { properties: { tabColor: { argb: "FFFF0000" } } });
  intro.mergeCells("A1:F2");
  const title = intro.getCell("A1");
  title.value = "2024 年度党组织负责人考核";
  title.font = { name: "宋体", size: 16, bold: true, color: { argb: "FF1F4E79" } };
  title.alignment = { horizontal: "center", vertical: "middle" };
  title.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  title.border = { bottom: { style: "double", color: { argb: "FF000000" } } };
  intro.getCell("A4").value = { richText: [{ text: "注意：", font: { bold: true } }, { text: "请勿修改表头" }] };
  intro.getCell("A5").value = { text: "考核办法", hyperlink: "https://example.com/method" };
  intro.getCell("A6").value = "=这不是公式";
  intro.getCell("A6").note = "填表人：组织部";
  intro.getColumn(1).width = 40;

  const leaders = wb.addWorksheet("考核对象", { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  leaders.columns = [
    { header: "姓名", width: 12 },
    { header: "单位", width: 24 },
    { header: "职务", width: 18 },
    { header: "任职模式", width: 14 },
    { header: "出生日期", width: 14 },
    { header: "报到时间", width: 20 },
    { header: "在岗", width: 8 },
    { header: "备用", width: 8, hidden: true },
  ];
  leaders.getRow(1).font = { bold: true };
  leaders.getRow(1).height = 28;
  const people: [string, string, string, string][] = [
    ["张三", "一公司", "党委书记", "党政一肩挑"],
    ["李四", "二公司", "党委副书记", "交叉任职"],
    ["王五", "三公司", "专职副书记", "专职书记"],
  ];
  people.forEach((p, i) => {
    const r = leaders.getRow(i + 2);
    r.getCell(1).value = p[0];
    r.getCell(2).value = p[1];
    r.getCell(3).value = p[2];
    r.getCell(4).value = p[3];
    r.getCell(5).value = new Date(Date.UTC(1975 + i, 2 + i, 15));
    r.getCell(5).numFmt = "yyyy-mm-dd";
    r.getCell(6).value = new Date(Date.UTC(2024, 2, 15 + i, 18, 30));
    r.getCell(6).numFmt = "yyyy-mm-dd hh:mm";
    r.getCell(7).value = i !== 1;
  });
  leaders.getRow(4).hidden = true;
  leaders.getCell("B2").border = {
    top: { style: "thin" },
    left: { style: "thin" },
    bottom: { style: "thin" },
    right: { style: "thin" },
  };
  for (let r = 2; r <= 50; r++) {
    leaders.getCell(r, 4).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: ['"党政一肩挑,交叉任职,专职书记,党建工作指导员"'],
      showErrorMessage: true,
      error: "请从列表中选择",
    };
  }
  leaders.getCell("G5").dataValidation = { type: "whole", operator: "between", formulae: [0, 10], allowBlank: true };
  leaders.addConditionalFormatting({
    ref: "A2:A4",
    rules: [
      { type: "containsText", operator: "containsText", text: "张", priority: 1, style: { font: { italic: true } } },
    ],
  });

  const old = wb.addWorksheet("考核结果");
  old.getCell("A1").value = "旧的结果";
  old.getCell("B2").value = 99;
  old.getCell("B2").note = "旧批注";
  old.mergeCells("C3:D4");
  old.pageSetup.printArea = "A1:D4";

  const econ = wb.addWorksheet("经营业绩");
  econ.getCell("A1").value = "单位";
  econ.mergeCells("A1:A2");
  econ.getCell("B1").value = "实现利润（万元）";
  econ.mergeCells("B1:C1");
  econ.getCell("B2").value = "目标值";
  econ.getCell("C2").value = "完成值";
  econ.getCell("D1").value = "完成率";
  econ.mergeCells("D1:D2");
  econ.getCell("A3").value = "一公司";
  econ.getCell("B3").value = 1000;
  econ.getCell("C3").value = 1234.5;
  econ.getCell("B3").numFmt = "#,##0.00";
  econ.getCell("C3").numFmt = "#,##0.00";
  econ.getCell("D3").value = {
    formula: "C3/B3",
    result: 1.2345,
    shareType: "shared",
    ref: "D3:D4",
  } as ExcelJS.CellValue;
  econ.getCell("D3").numFmt = "0.00%";
  econ.getCell("A4").value = "二公司";
  econ.getCell("B4").value = 500;
  econ.getCell("C4").value = { formula: "B4*0.94", result: 470 };
  econ.getCell("D4").value = { sharedFormula: "D3", result: 0.94 } as ExcelJS.CellValue;
  econ.getCell("A5").value = "三公司";
  econ.getCell("B5").value = 0;
  econ.getCell("C5").value = { error: "#N/A" };
  econ.getCell("D5").value = { formula: "C5/B5", result: { error: "#DIV/0!" } };
  econ.getCell("A6").value = "合计";
  econ.getCell("B6").value = { formula: "SUM(B3:B5)" };
  econ.getCell("C6").value = { formula: "DATE(2024,1,31)", result: new Date(Date.UTC(2024, 0, 31)) };
  econ.getCell("C6").numFmt = "yyyy/m/d";
  econ.getColumn(2).width = 16;
  econ.getColumn(3).width = 16;
  econ.pageSetup.printTitlesRow = "1:2";

  const hidden = wb.addWorksheet("隐藏参数", { state: "hidden" });
  hidden.getCell("A1").value = "优秀比例";
  hidden.getCell("B1").value = 0.2;

  wb.definedNames.add("'考核对象'!$B$2:$B$4", "单位列表");
  wb.definedNames.add("'隐藏参数'!$B$1", "优秀比例");
  wb.definedNames.add("'考核结果'!$A$1:$B$2", "旧结果区域");
  return wb;
}
