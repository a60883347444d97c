import { describe, expect, it } from 'vitest';
import { holidayEvents } from './holidays.ts';

describe('holidayEvents', () => {
  const events = holidayEvents(2016, 2017);

  it('moves a mid-week transferable holiday and marks the original as transferred', () => {
    // 2017-08-10 was a Thursday: moved to Friday 2017-08-11.
    expect(events).toContainEqual(expect.objectContaining({ date: '2017-08-10', description: 'Primer Grito de Independencia', transferred: true }));
    expect(events).toContainEqual(expect.objectContaining({ date: '2017-08-11', type: 'Transfer', transferred: false }));
  });

  it('adds a bridge and its make-up Work Day for a Thursday holiday', () => {
    // Independencia de Cuenca, 2016-11-03, was a Thursday: Friday is a bridge, made up two Saturdays later.
    expect(events).toContainEqual(expect.objectContaining({ date: '2016-11-04', type: 'Bridge' }));
    expect(events).toContainEqual(expect.objectContaining({ date: '2016-11-19', type: 'Work Day' }));
  });

  it('covers every type and locale and is sorted', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['Holiday', 'Transfer', 'Additional', 'Bridge', 'Work Day', 'Event']));
    expect(new Set(events.map((e) => e.locale))).toEqual(new Set(['National', 'Regional', 'Local']));
    expect(events.map((e) => e.date)).toEqual([...events.map((e) => e.date)].sort());
  });
});
