import { describe, expect, it } from 'vitest';
import { createFeatureSpec, featureMatrix, featureNames, stationCode, UnknownStationError } from './features.ts';

const spec = createFeatureSpec([{ station: 'harbour' }, { station: 'central' }, { station: 'harbour' }].map((s) => ({ ...s, date: '2024-01-01', temperature: 0, precipitation: 0 })));

describe('the feature module', () => {
  it('codes the stations the training rows hold, and the calendar from the date alone', () => {
    expect(spec).toEqual({ stations: ['central', 'harbour'] });
    const x = featureMatrix(spec, [{ date: '2024-12-25', station: 'harbour', temperature: 3.5, precipitation: 1.2 }]);
    const row = Object.fromEntries(featureNames.map((n, i) => [n, x.values[i]]));
    expect(row).toEqual({ station: 1, day_of_week: 2, holiday: 1, month: 12, temperature: 3.5, precipitation: Math.fround(1.2) });
    expect(spec.stations.map((s) => stationCode(spec, s))).toEqual([0, 1]);
  });

  it('refuses a station the model does not know, naming the ones it does', () => {
    expect(() => featureMatrix(spec, [{ date: '2024-12-25', station: 'airport', temperature: 0, precipitation: 0 }])).toThrow(UnknownStationError);
    expect(() => featureMatrix(spec, [{ date: '2024-12-25', station: 'airport', temperature: 0, precipitation: 0 }])).toThrow(/unknown station "airport": the model knows central, harbour/);
    expect(() => stationCode(spec, 'airport', 'rows[3]: ')).toThrow(/^rows\[3\]: unknown station "airport": the model knows central, harbour$/);
  });
});
