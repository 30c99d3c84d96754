/**
 * Errors as Office.js raises them: an OfficeExtension.Error ("RichApi.Error") with a `code` from
 * OfficeExtension.ErrorCodes / Excel.ErrorCodes and a `debugInfo`.
 */
export const FAKE_ERROR_CODES = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  generalException: "GeneralException",
  insertDeleteConflict: "InsertDeleteConflict",
  invalidArgument: "InvalidArgument",
  invalidOperation: "InvalidOperation",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
  invalidSelection: "InvalidSelection",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  propertyNotLoaded: "PropertyNotLoaded",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  invalidObjectPath: "InvalidObjectPath",
} as const;

export type FakeErrorCode = (typeof FAKE_ERROR_CODES)[keyof typeof FAKE_ERROR_CODES] | string;

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  readonly traceMessages: string[] = [];
  readonly innerError = null;
  constructor(code: FakeErrorCode, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

export const fail = (code: FakeErrorCode, message: string, where?: string): never => {
  throw new FakeOfficeError(code, message, where);
};
