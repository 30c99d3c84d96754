import type { Leader } from "./input";

/** Finds the leader a row of another sheet means: by 工号 where both have one, else by (姓名, 单位). */
export class LeaderIndex {
  private byId = new Map<string, Leader>();
  private byNameUnit = new Map<string, Leader>();

  constructor(leaders: Leader[]) {
    for (const l of leaders) {
      if (l.employeeId) this.byId.set(l.employeeId, l);
      const k = LeaderIndex.key(l.nameKey, l.unitKey);
      if (!this.byNameUnit.has(k)) this.byNameUnit.set(k, l);
    }
  }

  static key(nameKey: string, unitKey: string): string {
    return `${nameKey}\u0001${unitKey}`;
  }

  find(ref: { nameKey: string | null; unitKey: string; employeeId: string | null }): Leader | undefined {
    if (ref.employeeId) {
      const l = this.byId.get(ref.employeeId);
      if (l) return l;
    }
    if (ref.nameKey === null) return undefined;
    return this.byNameUnit.get(LeaderIndex.key(ref.nameKey, ref.unitKey));
  }
}
