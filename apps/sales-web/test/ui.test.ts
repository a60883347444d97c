import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { ForecastModel } from '../src/forecast-model.ts';

const executablePath = [process.env['CHROME_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
const screenshots = join(import.meta.dirname, '../test-results');

/** The "Sales forecast" screen in a real Chromium against the real app and model. */
describe('web UI in a real browser', () => {
  const fixture = inject('fixture');
  let browser: Browser;
  let server: Server;
  let model: ForecastModel;
  let base: string;

  beforeAll(async () => {
    if (!executablePath) throw new Error('No Chromium found: run `npm test` (it installs one) or set CHROME_PATH.');
    model = await ForecastModel.load(fixture.model);
    server = createApp({ model }).listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
    await model?.close();
  });

  it('picks a product and a date, shows the forecast and charts it against recent actuals, all from this origin', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(base);
    await page.locator('#item option[value="99197"]').waitFor({ state: 'attached' });
    await page.selectOption('#item', '99197');
    await page.fill('#date', '2017-08-16');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('#result')).toMatch(/^Forecast: [\d.]+ units on 2017-08-16$/);
    expect(await page.textContent('#model')).toContain(model.version);
    await page.locator('#chart circle.forecast').waitFor();
    const recent = model.extras.recentActuals!.stores['44']!['99197']!;
    const points = (await page.getAttribute('#chart polyline.actuals', 'points'))!.trim().split(' ');
    expect(points).toHaveLength(recent.length);
    expect(await page.getAttribute('#chart', 'aria-label')).toMatch(new RegExp(`^${recent.length} days of actual sales and the forecast of [\\d.]+ units on 2017-08-16$`));
    const box = await page.locator('#chart').boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(requested.every((url) => url.startsWith(base))).toBe(true); // works offline: no CDN, no font service
    await page.screenshot({ path: join(screenshots, 'forecast.png'), fullPage: true });
    await page.close();
  });

  it('shows the API error for a date beyond the horizon', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.locator('#item option[value="99197"]').waitFor({ state: 'attached' });
    // The date input's max attribute stops this in the picker; the API must still say why.
    await page.evaluate("document.querySelector('#date').removeAttribute('max')");
    await page.fill('#date', '2031-01-01');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('#result')).toMatch(/beyond the supported horizon/);
    expect(await page.getAttribute('#result', 'class')).toBe('error');
    expect(await page.isHidden('#chart')).toBe(true);
    await page.screenshot({ path: join(screenshots, 'beyond-horizon.png'), fullPage: true });
    await page.close();
  });
});
