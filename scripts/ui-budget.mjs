// Performance budget in headless Chromium against serve mode.
// usage: node scripts/ui-budget.mjs history <base-url>      (a db seeded with 10,000 runs:
//          npx tsx scripts/seed-runs.ts --db /tmp/seed-10k.db --runs 10000 --epochs 2 --layers 6 --bins 16)
//        node scripts/ui-budget.mjs compare <base-url> <ids> (20 runs × 200 epochs × 64 layers:
//          npx tsx scripts/seed-runs.ts --db /tmp/seed-cmp.db --runs 20 --epochs 200 --layers 64 --bins 64)
// serve the database first: ./bin/gradient-workbench.js serve --db <db> --port <port>
import { chromium } from 'playwright-core';
let [what, base, ids] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(`${base}#/settings`);
await page.waitForTimeout(1500);
const marks = (prefix) =>
  page.evaluate(
    (p) =>
      Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith(p))
          .map((m) => [m.name.slice(p.length), m.startTime]),
      ),
    prefix,
  );
const ms = (x) => `${x.toFixed(1)} ms`;

if (what === 'history') {
  // 1. runs.list alone (first page: limit 100, newest first)
  const api = await page.evaluate(async () => {
    const t = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const r = await (
        await fetch('api/runs.list', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ limit: 100, offset: 0, sort: 'created', dir: 'desc' }),
        })
      ).json();
      t.push(performance.now() - t0);
      if (!r.ok || r.value.total < 10000) throw new Error('expected 10,000 runs');
    }
    return t.sort((a, b) => a - b);
  });
  console.log(`runs.list (100 of 10,000) median ${ms(api[3])}, min ${ms(api[0])}, max ${ms(api[6])}`);
  // 2. open History (Alt+3) five times: mount → data → drawn
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => (performance.clearMarks(), performance.clearResourceTimings()));
    const t0 = await page.evaluate(() => performance.now());
    await page.keyboard.press('Alt+3');
    await page.waitForFunction(() => performance.getEntriesByName('gw:history:drawn').length > 0);
    const m = await marks('gw:history:');
    const rows = await page.locator('.run-row[data-run-id]').count();
    const req = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((r) => r.name.endsWith('api/runs.list'))
        .map((r) => r.duration),
    );
    console.log(
      `history open #${i + 1}: key → drawn ${ms(m.drawn - t0)} (mount → data ${ms(m.data - m.mount)} of which runs.list request ${req.map(ms).join(', ')}; data → drawn ${ms(m.drawn - m.data)}), ${rows} rows in the DOM`,
    );
    await page.keyboard.press('Alt+5');
    await page.waitForTimeout(300);
  }
  // 3. scrolling: jump to the middle, then a steady fling; frame times and page loads
  await page.keyboard.press('Alt+3');
  await page.waitForSelector('.run-row[data-run-id]');
  const scroll = await page.evaluate(async () => {
    const v = document.querySelector('.viewport');
    const frames = [];
    let last = performance.now();
    const t0 = last;
    v.scrollTop = v.scrollHeight / 2;
    await new Promise((r) => {
      const filled = () =>
        [...document.querySelectorAll('.run-row')].some((e) => Number(e.getAttribute('aria-rowindex')) > 4000) &&
        !document.querySelector('.run-row.loading');
      const wait = () => (filled() ? r() : requestAnimationFrame(wait));
      requestAnimationFrame(wait);
    });
    const jump = performance.now() - t0;
    const idle = [];
    for (let i = 0, l = performance.now(); i < 120; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      idle.push(now - l);
      l = now;
    }
    idle.sort((a, b) => a - b);
    last = performance.now();
    for (let i = 0; i < 120; i++) {
      v.scrollTop += 400;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    frames.sort((a, b) => a - b);
    return {
      jump,
      p50: frames[60],
      p95: frames[114],
      max: frames[119],
      domRows: document.querySelectorAll('.run-row').length,
      idle: [idle[60], idle[114], idle[119]],
    };
  });
  console.log(
    `scroll: jump to row 5,000 filled in ${ms(scroll.jump)}; fling 120 frames × 400 px: frame p50 ${ms(scroll.p50)}, p95 ${ms(scroll.p95)}, max ${ms(scroll.max)}; ${scroll.domRows} row elements; idle frames (no scrolling) p50/p95/max ${scroll.idle.map(ms).join(' / ')}`,
  );
} else {
  const list = ids.split(',');
  const body = JSON.stringify({ ids: list });
  const api = await page.evaluate(async (b) => {
    const t0 = performance.now();
    const res = await fetch('api/runs.compare', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: b,
    });
    const text = await res.text();
    const t1 = performance.now();
    JSON.parse(text);
    return { fetch: t1 - t0, parse: performance.now() - t1, mb: text.length / 1e6 };
  }, body);
  console.log(
    `runs.compare (${list.length} runs): ${api.mb.toFixed(1)} MB, server + transfer ${ms(api.fetch)}, JSON.parse ${ms(api.parse)}`,
  );
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => performance.clearMarks());
    await page.evaluate((q) => (location.hash = `#/compare?ids=${q}`), ids);
    await page.waitForFunction(() => performance.getEntriesByName('gw:compare:drawn').length > 0, null, {
      timeout: 120_000,
    });
    const m = await marks('gw:compare:');
    const canvases = await page.locator('.compare canvas').count();
    console.log(
      `compare open #${i + 1}: open → drawn ${ms(m.drawn - m.open)} (runs.compare ${ms(m.data - m.open)}, data → drawn ${ms(m.drawn - m.data)}), ${canvases} canvases`,
    );
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.waitForTimeout(500);
    // a new set of ids each time, so the store loads again: rotate the list
    ids = list
      .slice(i + 1)
      .concat(list.slice(0, i + 1))
      .join(',');
  }
}
await browser.close();
