import type { Leader } from "./input";

/** Finds the leader a row of another sheet means: by 工号 where both have one, else by (姓名, 单位). */
export class LeaderIndex {
  private byId = new Map<string, Leader>();
  /**
   * Name key → the first leader of that name in each unit: the leader itself while the name is in one unit only (as
   * nearly every name is), a map by unit key once it is in two. No key string is built per lookup, and a run does
   * not make a map per leader.
   */
  private byNameUnit = new Map<string, Leader | Map<string, Leader>>();

  constructor(leaders: Leader[]) {
    for (const l of leaders) {
      if (l.employeeId) this.byId.set(l.employeeId, l);
      const known = this.byNameUnit.get(l.nameKey);
      if (known === undefined) this.byNameUnit.set(l.nameKey, l);
      else if (known instanceof Map) {
        if (!known.has(l.unitKey)) known.set(l.unitKey, l);
      } else if (known.unitKey !== l.unitKey) {
        this.byNameUnit.set(
          l.nameKey,
          new Map([
            [known.unitKey, known],
            [l.unitKey, l],
          ]),
        );
      }
    }
  }

  find(ref: { nameKey: string | null; unitKey: string; employeeId: string | null }): Leader | undefined {
    if (ref.employeeId) {
      const l = this.byId.get(ref.employeeId);
      if (l) return l;
    }
    if (ref.nameKey === null) return undefined;
    const known = this.byNameUnit.get(ref.nameKey);
    if (known === undefined) return undefined;
    if (known instanceof Map) return known.get(ref.unitKey);
    return known.unitKey === ref.unitKey ? known : undefined;
  }
}
