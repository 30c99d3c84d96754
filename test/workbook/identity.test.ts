import { describe, expect, it } from "vitest";
import { LeaderIndex } from "../../src/workbook/identity";
import type { Leader } from "../../src/workbook/input";

function leader(index: number, name: string, unit: string, employeeId: string | null = null): Leader {
  return {
    index,
    name,
    unit,
    position: "党委书记",
    mode: null,
    employeeId,
    nameKey: name,
    unitKey: unit,
    cell: `考核对象!A${index + 2}`,
    quotaGroup: null,
  };
}

const ref = (name: string | null, unit: string, employeeId: string | null = null) => ({
  nameKey: name,
  unitKey: unit,
  employeeId,
});

/** Leaders from "姓名 单位" texts, in order, and their index. */
function indexed(...people: string[]): { ls: Leader[]; index: LeaderIndex } {
  const ls = people.map((p, i) => leader(i, p.split(" ")[0], p.split(" ")[1]));
  return { ls, index: new LeaderIndex(ls) };
}

describe("LeaderIndex", () => {
  it("tells apart leaders of one name in different units, however many", () => {
    const { ls, index } = indexed("张伟 甲公司", "李娜 甲公司", "张伟 乙公司", "张伟 丙公司");
    expect(index.find(ref("张伟", "甲公司"))).toBe(ls[0]);
    expect(index.find(ref("张伟", "乙公司"))).toBe(ls[2]);
    expect(index.find(ref("张伟", "丙公司"))).toBe(ls[3]);
    expect(index.find(ref("李娜", "甲公司"))).toBe(ls[1]);
    expect(index.find(ref("李娜", "乙公司"))).toBeUndefined();
    expect(index.find(ref("张伟", "丁公司"))).toBeUndefined();
    expect(index.find(ref("王芳", "甲公司"))).toBeUndefined();
  });

  it("gives the first leader of a name in a unit, before and after the name is met in another unit", () => {
    const { ls, index } = indexed("张伟 甲公司", "张伟 甲公司", "张伟 乙公司", "张伟 乙公司");
    expect(index.find(ref("张伟", "甲公司"))).toBe(ls[0]);
    expect(index.find(ref("张伟", "乙公司"))).toBe(ls[2]);
  });

  it("finds by 工号 first, and falls back to name and unit when the 工号 is unknown; a unit-wide row finds nobody", () => {
    const ls = [leader(0, "张伟", "甲公司", "A001"), leader(1, "张伟", "乙公司", "A002")];
    const index = new LeaderIndex(ls);
    expect(index.find(ref("张伟", "甲公司", "A002"))).toBe(ls[1]);
    expect(index.find(ref("张伟", "乙公司", "A999"))).toBe(ls[1]);
    expect(index.find(ref(null, "甲公司"))).toBeUndefined();
  });
});
