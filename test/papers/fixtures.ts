/**
 * An assessment with every kind of decision the papers must show: the demo workbook (a loss, a veto, the
 * quota, a vote rule) with one leader's ballots removed (暂缓评定), 个人情况 rows (诫勉, 严重警告, 立案审查, a
 * sick leave below its days), a decision of 组织决定, and the vote rules set to flag only.
 */
import { scoreBook } from "../../src/app/score";
import type { Assessment } from "../../src/engine/types";
import type { Method } from "../../src/method/types";
import type { GridBook } from "../../src/workbook/grid";
import { titleInfo, type TitleInfo } from "../../src/workbook/titles";
import { readXlsx } from "../../src/cli/xlsx";
import { SAMPLE } from "../charts/fixtures";

export const DATE = "2026-01-15";

export interface Scored {
  a: Assessment;
  method: Method;
  titles: TitleInfo;
  book: GridBook;
}

let cached: Promise<Scored> | undefined;

export function richAssessment(): Promise<Scored> {
  cached ??= readXlsx(SAMPLE).then(({ book }) => {
    // 林雪梅's ballots are missing: D is missing, she is pending (暂缓评定) with no 综合得分.
    const withoutVotes = book.map((g) =>
      g.name === "民主测评" ? { ...g, rows: g.rows.filter((row) => !row.includes("林雪梅")) } : g,
    );
    const full: GridBook = [
      ...withoutVotes,
      {
        name: "个人情况",
        rows: [
          ["姓名", "单位", "情形", "天数", "说明"],
          ["冯雅琴", "恒川科技有限公司", "诫勉", null, "2025年5月诫勉谈话"],
          ["张德宏", "泓源燃气股份有限公司", "党内严重警告", null, null],
          ["韩丽娟", "恒川集团财务有限公司", "立案审查", null, "尚未结案"],
          ["王晓峰", "恒川物流有限公司", "病假", 120, null],
        ],
      },
      {
        name: "组织决定",
        rows: [
          ["姓名", "单位", "等次", "依据"],
          ["周启明", "恒川发电有限公司", "优秀", "2026年1月8日党委会研究决定"],
        ],
      },
    ];
    const r = scoreBook({
      book: full,
      method: { grades: { voteCaps: "flag" } },
      today: DATE,
      referenceDate: "2025-12-31",
    });
    if (!r.ok) throw new Error(`the rich case does not score: ${JSON.stringify(r.errors)}`);
    return { a: r.assessment, method: r.method, titles: titleInfo(full, r.input), book: full };
  });
  return cached;
}
