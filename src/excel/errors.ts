/**
 * Excel's failures as messages a user can act on. Office.js rejects `context.sync()` with an
 * OfficeExtension.Error whose `code` names the cause; everything the add-in does through Excel ends up here.
 */

/** The codes the add-in tells apart (OfficeExtension.ErrorCodes and Excel.ErrorCodes spell them so). */
export const EXCEL_ERROR_CODES = {
  accessDenied: "AccessDenied",
  cellEditMode: "InvalidOperationInCellEditMode",
  payloadTooLarge: "RequestPayloadSizeLimitExceeded",
  responseTooLarge: "ResponsePayloadSizeLimitExceeded",
  itemNotFound: "ItemNotFound",
  itemAlreadyExists: "ItemAlreadyExists",
  apiNotFound: "ApiNotFound",
  invalidArgument: "InvalidArgument",
  activityLimitReached: "ActivityLimitReached",
  conflict: "Conflict",
  generalException: "GeneralException",
} as const;

/** A failure of an add-in operation, its `message` in Chinese and ready to show. */
export class KaopingExcelError extends Error {
  constructor(
    message: string,
    /** Excel's error code ("AccessDenied", …), or "Kaoping…" for the add-in's own refusals. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    // Compiled to ES5 (the Internet Explorer build of the pane), `super` returns a plain Error: without this
    // the object would not be a KaopingExcelError for instanceof.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = "KaopingExcelError";
  }
}

/** What the failing operation was doing, to word the message. */
export interface ErrorContext {
  /** e.g. "写入“考核结果”" */
  action?: string;
  /** A sheet the operation writes to, for "protected" messages. */
  sheet?: string;
}

function codeOf(e: unknown): string {
  if (typeof e === "object" && e !== null && "code" in e) return String((e as { code: unknown }).code);
  return "";
}

function detailOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "object" && e !== null && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}

export const MESSAGES = {
  sheetProtected: (sheet?: string) =>
    `${sheet ? `工作表“${sheet}”` : "工作表"}受保护，无法写入。请先撤销工作表保护（“审阅”→“撤销工作表保护”），再重试。`,
  workbookProtected: () =>
    "工作簿结构受保护，无法新建或删除工作表。请先撤销工作簿保护（“审阅”→“保护工作簿”），再重试。",
  cellEditMode: () => "Excel 正在编辑单元格。请先按 Enter 或 Esc 结束单元格编辑，再重试。",
  payloadTooLarge: () =>
    "一次传给 Excel 的数据超出了限制（Excel 网页版每次请求不超过 5 MB）。请减少数据量后重试，或改用桌面版 Excel。",
  itemNotFound: () => "找不到要操作的工作表或单元格，它可能刚被删除或重命名。请刷新状态后重试。",
  apiNotFound: () =>
    "当前 Excel 版本不支持这项操作。考评需要 Excel 2019 及以上版本、Microsoft 365、Mac 版或网页版 Excel（Excel 2016 不支持）。",
  chartsNeedNewerExcel: () =>
    "这个 Excel（Excel 2019 批量许可版）不能在工作表中插入会议图表。请在“图表”中下载图片或导出会议幻灯片；Office 2021 及以上版本、Microsoft 365 和网页版 Excel 可以插入。",
  busy: () => "Excel 正忙或操作过于频繁，请稍候再试。",
  conflict: () => "工作簿正被他人同时编辑，发生了冲突。请稍候再试。",
  generic: (detail: string, code: string) =>
    `Excel 报告了错误${code ? `（${code}）` : ""}：${detail}。请重试；如果问题依旧，请保存并重新打开工作簿后再试。`,
};

/** Turns anything thrown inside Excel.run into a KaopingExcelError (one already is, it passes through). */
export function toUserError(e: unknown, ctx: ErrorContext = {}): KaopingExcelError {
  if (e instanceof KaopingExcelError) return e;
  const code = codeOf(e);
  const prefix = ctx.action ? `${ctx.action}失败：` : "";
  const make = (message: string) => new KaopingExcelError(prefix + message, code || "Unknown", { cause: e });
  switch (code) {
    case EXCEL_ERROR_CODES.accessDenied:
      return make(MESSAGES.sheetProtected(ctx.sheet));
    case EXCEL_ERROR_CODES.cellEditMode:
      return make(MESSAGES.cellEditMode());
    case EXCEL_ERROR_CODES.payloadTooLarge:
    case EXCEL_ERROR_CODES.responseTooLarge:
      return make(MESSAGES.payloadTooLarge());
    case EXCEL_ERROR_CODES.itemNotFound:
      return make(MESSAGES.itemNotFound());
    case EXCEL_ERROR_CODES.apiNotFound:
      return make(MESSAGES.apiNotFound());
    case EXCEL_ERROR_CODES.activityLimitReached:
      return make(MESSAGES.busy());
    case EXCEL_ERROR_CODES.conflict:
      return make(MESSAGES.conflict());
    default:
      return make(MESSAGES.generic(detailOf(e), code));
  }
}
