import { afterEach, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from './start-app.ts';

// app_ready is what the SalesWebNotReady alert reads: it must say what /ready says.
describe('the app_ready gauge', () => {
  const fixture = inject('fixture');
  let app: RunningApp | undefined;
  afterEach(() => app?.close());

  it.each([
    ['the gated model', () => fixture.model, 200, 1],
    ["the train stage's model, never gated", () => fixture.trained, 503, 0],
  ])('is what /ready answers, serving %s', async (_, dir, status, value) => {
    app = await startApp(dir());
    expect((await fetch(`${app.base}/ready`)).status).toBe(status);
    const text = await (await fetch(`${app.base}/metrics`)).text();
    expect(text).toMatch(new RegExp(`^app_ready ${value}$`, 'm'));
  });
});
