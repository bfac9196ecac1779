import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
const out = [];
for (const [w, h, scheme, name] of [[320, 900, 'light', 'narrow'], [1280, 1000, 'dark', 'wide']]) {
  const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('http://127.0.0.1:8765/index.html');
  await page.locator('.kibitz [data-comment-id]').first().waitFor({ timeout: 15000 });
  await page.locator('.kibitz').first().scrollIntoViewIfNeeded();
  await page.waitForTimeout(800);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  await page.screenshot({ path: `/tmp/shot-${name}.png` });
  out.push({ name, overflow, comments: await page.locator('[data-comment-id]').count(), errors });
}
console.log(JSON.stringify(out, null, 1));
await browser.close();
