/** Lower-case words joined by dashes: project, stage and model names, the same rule as cd4ml.json's. */
const DASHED = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The closest valid name to what was typed: "Weather Data" -> "weather-data". */
export function suggestName(value: string): string {
  return value
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '');
}

/**
 * Checks a name: `true`, or a message that says what is wrong and suggests a valid name.
 *
 * @param what e.g. "project name"
 * @param example shown when nothing better can be suggested, e.g. "weather-data"
 */
export function checkName(value: string, what: string, example: string): true | string {
  if (value.trim() === '') return `give a ${what}, e.g. ${example}`;
  if (DASHED.test(value)) return true;
  const suggestion = suggestName(value);
  return `"${value}" is not a valid ${what}: use lower-case words joined by dashes, e.g. ${suggestion && DASHED.test(suggestion) ? suggestion : example}`;
}

/**
 * Where a lib lives: its last word is the kind of lib, the words before it its domain, so
 * "weather-data" is `libs/weather/data` and "bike-share-model" is `libs/bike-share/model`
 * (the workspace's `libs/*\/*` pattern). A one-word name has no domain and is refused.
 */
export function libLocation(name: string, example: string): { domain: string; kind: string; folder: string } | string {
  const valid = checkName(name, 'lib name', example);
  if (valid !== true) return valid;
  const cut = name.lastIndexOf('-');
  if (cut < 0) return `"${name}" needs a domain and a kind, e.g. ${name}-${example.split('-').at(-1)} (it becomes libs/${name}/${example.split('-').at(-1)})`;
  const domain = name.slice(0, cut);
  const kind = name.slice(cut + 1);
  return { domain, kind, folder: `libs/${domain}/${kind}` };
}
