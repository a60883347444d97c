import { compareGate, type GateResult } from './gate-result.ts';

/** What the ratchet knows of the champion: its figure, or why there is none to compare with. */
export type ChampionLookup = { champion: ChampionFigure } | { champion?: undefined; why: string };

/** The current champion, as far as the ratchet knows it. */
export interface ChampionFigure {
  /** Who the champion is (model version or sha). */
  id: string;
  /** Its error, ideally re-measured on the candidate's holdout rows. */
  error: number;
  /** How the figure was obtained, e.g. "re-scored on this holdout". */
  source: string;
}

/**
 * Gate 2: the candidate is no worse than the champion beyond `tolerance` (a fraction: 0.02 allows
 * 2% more error), so a model can never quietly get worse release after release. With no champion
 * the gate passes vacuously with no bar (null), and says why (`whyNoChampion`).
 */
export function ratchetGate(error: number, champion: ChampionFigure | undefined, tolerance: number, whyNoChampion = 'no champion yet'): GateResult {
  if (!champion) {
    return compareGate('ratchet', error, '<=', null, `${whyNoChampion}: the ratchet passes vacuously; promote a model to arm it`, { champion: null });
  }
  const bar = champion.error * (1 + tolerance);
  return compareGate('ratchet', error, '<=', bar, `against champion ${champion.id} (${champion.error.toFixed(4)}, ${champion.source}) with ${(tolerance * 100).toFixed(1)}% tolerance`, {
    champion: champion.id,
    championError: champion.error,
    source: champion.source,
    tolerance,
  });
}
