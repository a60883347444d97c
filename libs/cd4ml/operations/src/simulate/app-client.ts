import { SimulationError } from './simulation-error.ts';

/**
 * POSTs JSON to the app the simulation serves, and returns the parsed answer. A failure says what
 * the simulation was doing, the URL, and why: the connection's own error (not a bare "fetch
 * failed"), or the app's status and answer.
 */
export async function postJson(url: string, body: unknown, doing: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new SimulationError('APP_UNREACHABLE', `${doing}: POST ${url} got no answer (${cause?.code ?? cause?.message ?? (error as Error).message}). Is the simulation's production still running? Its log is in the simulation folder's environments/production/run/*/app.log.`);
  }
  const text = await res.text();
  if (!res.ok) throw new SimulationError('APP_REFUSED', `${doing}: POST ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  try {
    const answer: unknown = JSON.parse(text);
    return answer;
  } catch {
    throw new SimulationError('APP_REFUSED', `${doing}: POST ${url} answered ${res.status} with no JSON: ${text.slice(0, 200)}`);
  }
}
