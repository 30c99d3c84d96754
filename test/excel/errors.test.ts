/** Excel's error codes → messages a user can act on. */
import { describe, expect, it } from "vitest";
import { KaopingExcelError, toUserError } from "../../src/excel/errors";
import { FakeOfficeError } from "./fake";

describe("toUserError", () => {
  it.each([
    ["AccessDenied", "请先撤销工作表保护"],
    ["InvalidOperationInCellEditMode", "请先按 Enter 或 Esc 结束单元格编辑"],
    ["RequestPayloadSizeLimitExceeded", "5 MB"],
    ["ResponsePayloadSizeLimitExceeded", "5 MB"],
    ["ItemNotFound", "可能刚被删除或重命名"],
    ["ApiNotFound", "Excel 2016 不支持"],
    ["ActivityLimitReached", "稍候再试"],
    ["GeneralException", "GeneralException"],
  ])("%s", (code, words) => {
    const e = toUserError(new FakeOfficeError(code, "English detail"), { action: "计算" });
    expect(e).toBeInstanceOf(KaopingExcelError);
    expect(e.code).toBe(code);
    expect(e.message.startsWith("计算失败：")).toBe(true);
    expect(e.message).toContain(words);
  });

  it("names the protected sheet when it is known", () => {
    expect(toUserError(new FakeOfficeError("AccessDenied", "x"), { sheet: "考核方法" }).message).toContain(
      "工作表“考核方法”受保护",
    );
  });

  it("keeps the detail of an unknown failure, and passes its own errors through", () => {
    const e = toUserError(new TypeError("boom"));
    expect(e.message).toContain("boom");
    const own = new KaopingExcelError("已有说明", "Kaoping");
    expect(toUserError(own)).toBe(own);
  });
});
