/** The key of a count of the tally (leader × 测评人类别 × item), and the ballots behind it (docs/method.md §11.3). */
import type { BallotSources, TallyResult } from "./tally";

export function sourceKey(leader: number, group: string, item: string): string {
  return `${leader}\u0000${group}\u0000${item}`;
}

/** The ballots behind a count of the tally, for 为什么. */
export function ballotsBehind(t: TallyResult, leader: number, group: string, item: string): BallotSources | null {
  return t.sources.get(sourceKey(leader, group, item)) ?? null;
}
