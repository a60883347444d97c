import { describe, expect, it } from 'vitest';
import { checkName, libLocation, suggestName } from './names.ts';

describe('names', () => {
  it.each([
    ['weather-data', true],
    ['w2-data', true],
    ['', 'give a project name, e.g. weather-data'],
    ['Weather Data', '"Weather Data" is not a valid project name: use lower-case words joined by dashes, e.g. weather-data'],
    ['weatherData', '"weatherData" is not a valid project name: use lower-case words joined by dashes, e.g. weather-data'],
    ['2-fast', '"2-fast" is not a valid project name: use lower-case words joined by dashes, e.g. fast'],
    ['weather--data', '"weather--data" is not a valid project name: use lower-case words joined by dashes, e.g. weather-data'],
    ['@x/y', '"@x/y" is not a valid project name: use lower-case words joined by dashes, e.g. x-y'],
    ['-', '"-" is not a valid project name: use lower-case words joined by dashes, e.g. weather-data'],
  ])('checkName(%j)', (value, expected) => {
    expect(checkName(value, 'project name', 'weather-data')).toBe(expected);
  });

  it.each([
    ['weather-data', { domain: 'weather', kind: 'data', folder: 'libs/weather/data' }],
    ['bike-share-model', { domain: 'bike-share', kind: 'model', folder: 'libs/bike-share/model' }],
    ['weather', '"weather" needs a domain and a kind, e.g. weather-data (it becomes libs/weather/data)'],
  ])('libLocation(%j)', (name, expected) => {
    expect(libLocation(name, 'weather-data')).toEqual(expected);
  });

  it('suggests a name from what was typed', () => {
    expect(suggestName('  My Weather_Data ')).toBe('my-weather-data');
  });
});
