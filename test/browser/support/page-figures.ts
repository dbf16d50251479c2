import type { Page } from 'playwright-core';

/** What the page's elements carry, typed without the DOM library (these callbacks run in the browser). */
type Figured = { dataset: Record<string, string | undefined> };

/** The whole number a figure of the page stands for (its `data-value`). */
export function figure(page: Page, testId: string): Promise<number> {
  return page.$eval(`[data-testid="${testId}"]`, (el) => Number((el as unknown as Figured).dataset.value));
}

/** What a chart drew: its periods, each series' values, and the request behind it. */
export async function chart(page: Page, id: string) {
  await page.waitForSelector(`#${id} svg`);
  return page.$eval(`#${id}`, (el) => {
    const data = (el as unknown as Figured).dataset;
    return {
      periods: JSON.parse(data.periods ?? '[]') as string[],
      series: Object.values(JSON.parse(data.series ?? '{}')) as number[][],
      from: data.from,
      to: data.to,
    };
  });
}

/** The text of each cell of a table's body, row by row; figures as their whole numbers. */
export function rows(page: Page, tableId: string): Promise<(string | number)[][]> {
  return page.$$eval(`#${tableId} tbody tr`, (trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => {
        const num = td.querySelector('[data-value]') as unknown as Figured | null;
        return num ? Number(num.dataset.value) : (td.textContent ?? '').trim();
      }),
    ),
  );
}
