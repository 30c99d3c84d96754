import type { Leader } from "./input";

/** Finds the leader a row of another sheet means: by 工号 where both have one, else by (姓名, 单位). */
export class LeaderIndex {
  private byId = new Map<string, Leader>();
  /** Name key → unit key → the first leader of that name in that unit (no key string built per lookup). */
  private byNameUnit = new Map<string, Map<string, Leader>>();

  constructor(leaders: Leader[]) {
    for (const l of leaders) {
      if (l.employeeId) this.byId.set(l.employeeId, l);
      let units = this.byNameUnit.get(l.nameKey);
      if (!units) this.byNameUnit.set(l.nameKey, (units = new Map()));
      if (!units.has(l.unitKey)) units.set(l.unitKey, l);
    }
  }

  find(ref: { nameKey: string | null; unitKey: string; employeeId: string | null }): Leader | undefined {
    if (ref.employeeId) {
      const l = this.byId.get(ref.employeeId);
      if (l) return l;
    }
    if (ref.nameKey === null) return undefined;
    return this.byNameUnit.get(ref.nameKey)?.get(ref.unitKey);
  }
}
