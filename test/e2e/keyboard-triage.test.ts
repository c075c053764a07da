/**
 * Keyboard triage end to end in real Chromium, on the saved arXiv hep-th /new page: j / k move
 * an outline (no layout change, focus on the entry's star button), s / r / x go through the
 * same path as clicks and persist, keys typed in arXiv's search box are the box's, ? shows the
 * help, and turning the keys off (or remapping one) in the options page applies without reload.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARXIV_PAGES, OTHER_PAGES } from '../../scripts/lib/demo-pages';
import { launchWithExtension, optionsUrl, popupUrl, tabIdOf, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { openHideDismissed } from '../support/options-page';
import { REPO_ROOT, requireShared } from '../../scripts/lib/shared';
import { ADD_CLOSED_FIELD, CLOSED_FIELD_VALUE, REMOVE_CLOSED_FIELD } from '../support/closed-field';
import { RENDER_LISTING_ANEW } from '../support/client-navigation';

const SHOTS = path.join(REPO_ROOT, 'artifacts/screenshots');
const PAGE = ARXIV_PAGES.hepThNew;
/** Listings whose entries are under no section heading: a summary line counts their hidden papers. */
const UNSECTIONED = [ARXIV_PAGES.search, OTHER_PAGES.huggingfaceDaily, OTHER_PAGES.scholarSearch];
const available = requireShared('the keyboard triage end-to-end test', ...[PAGE, ...UNSECTIONED].map((page) => `fixtures/pages/${page.file}`));

const button = (page: Page, id: string, action: 'star' | 'read' | 'dismiss') =>
  page.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="${action}"]`);

/** Ids of the entries whose <dt> starts at or below the top of the viewport, in page order. */
const visibleIds = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-paper-radar-id]')]
      .filter((host) => host.closest('dt')!.getBoundingClientRect().top >= 0)
      .map((host) => host.dataset.paperRadarId!),
  );

/** The current entry's id (outlined <dt>) and what has the focus, looking into shadow roots. */
const state = (page: Page) =>
  page.evaluate(() => {
    const current = document.querySelector('dt[data-paper-radar-current]');
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const host = active?.getRootNode() instanceof ShadowRoot ? (active.getRootNode() as ShadowRoot).host : null;
    return {
      current: current?.querySelector<HTMLElement>('[data-paper-radar-id]')?.dataset.paperRadarId ?? null,
      outlined: document.querySelectorAll('[data-paper-radar-current]').length,
      focusedAction: active?.getAttribute('data-paper-radar-action') ?? null,
      focusedIn: host?.getAttribute('data-paper-radar-id') ?? null,
      scrollY: Math.round(scrollY),
    };
  });

/** Every entry element's document position and size: the page's layout. */
const layout = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('dl#articles > dt, dl#articles > dd')].map((el) => {
      const r = el.getBoundingClientRect();
      return [Math.round(r.top + scrollY), Math.round(r.height), Math.round(r.width)];
    }),
  );

describe.skipIf(!available)('keyboard triage in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchWithExtension({ pages: [PAGE, ARXIV_PAGES.absNew, ...UNSECTIONED] });
  });
  afterAll(async () => browser?.close());

  /** A new tab on `url`, once its entries are annotated. */
  const openAnnotated = async (url = PAGE.url): Promise<Page> => {
    const page = await browser.context.newPage();
    await page.goto(url);
    await waitForAnnotation(page);
    return page;
  };

  // Alt+Shift+P was the first choice, but Chromium counts it as one of its own shortcuts and
  // leaves it unassigned (as it does Alt+Shift+A, B, C, N, R, T, W, X and Z in Chromium 156).
  it('the popup has its browser command, Alt+Shift+L, registered without a clash', async () => {
    const commands = await browser.serviceWorker.evaluate(() => {
      type Command = { name: string; shortcut?: string };
      return (globalThis as unknown as { chrome: { commands: { getAll(): Promise<Command[]> } } }).chrome.commands.getAll();
    });
    // An empty shortcut would mean Chromium refused it (taken by another extension or the browser).
    expect(commands.find((c) => c.name === '_execute_action')?.shortcut).toBe('Alt+Shift+L');
  });

  it('j / k / s / r / x triage the listing, ? helps, and the options page turns it off at once', async () => {
    const page = await openAnnotated();

    // Scroll into the list, the 5th entry's top just above the viewport: the first j must take
    // the 6th (the first at or below the top), not the 1st.
    await page.evaluate(() => {
      const dt = document.querySelectorAll('dl#articles > dt')[4]!;
      scrollTo(0, dt.getBoundingClientRect().top + scrollY + 10);
    });
    const visible = await visibleIds(page);
    const all = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-paper-radar-id]')].map((h) => h.dataset.paperRadarId!));
    expect(all.indexOf(visible[0]!)).toBe(5);
    const [firstVisible, secondVisible] = visible as [string, string];
    const before = await layout(page);

    await page.keyboard.press('j');
    expect(await state(page)).toMatchObject({ current: firstVisible, outlined: 2, focusedAction: 'star', focusedIn: firstVisible });
    // The second entry is in view already: moving to it does not scroll.
    const fullyVisible = await page.evaluate((id) => {
      const dt = document.querySelector(`[data-paper-radar-id="${id}"]`)!.closest('dt')!;
      const bottom = dt.nextElementSibling!.getBoundingClientRect().bottom;
      return dt.getBoundingClientRect().top >= 0 && bottom <= innerHeight;
    }, secondVisible);
    expect(fullyVisible).toBe(true);
    const { scrollY } = await state(page);
    await page.keyboard.press('j');
    expect(await state(page)).toMatchObject({ current: secondVisible, outlined: 2, focusedAction: 'star', focusedIn: secondVisible, scrollY });
    // An outline, and nothing on the page moved or changed size.
    const outline = await page.evaluate(() => getComputedStyle(document.querySelector('dt[data-paper-radar-current]')!).outlineStyle);
    expect(outline).toBe('solid');
    expect(await layout(page)).toEqual(before);

    await page.keyboard.press('s');
    await expect.poll(() => button(page, secondVisible, 'star').getAttribute('aria-pressed')).toBe('true');

    await page.keyboard.press('k');
    expect(await state(page)).toMatchObject({ current: firstVisible, focusedAction: 'star' });
    await page.keyboard.press('r');
    await expect.poll(() => button(page, firstVisible, 'read').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('x');
    await expect.poll(() => button(page, firstVisible, 'dismiss').getAttribute('aria-pressed')).toBe('true');

    // ? shows the help; the screenshot has it and the outlined entry.
    await page.keyboard.press('?');
    const help = page.locator('[data-paper-radar-help] [role="dialog"]');
    await expect.poll(() => help.isVisible()).toBe(true);
    expect(await help.textContent()).toMatch(/jNext paper.*kPrevious paper.*sStar/);
    await page.screenshot({ path: path.join(SHOTS, 'keyboard-triage.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    expect(await state(page)).toMatchObject({ focusedAction: 'star', focusedIn: firstVisible }); // focus came back

    // Reload: all three were stored.
    await page.reload();
    await waitForAnnotation(page);
    expect(await button(page, secondVisible, 'star').getAttribute('aria-pressed')).toBe('true');
    expect(await button(page, firstVisible, 'read').getAttribute('aria-pressed')).toBe('true');
    expect(await button(page, firstVisible, 'dismiss').getAttribute('aria-pressed')).toBe('true');

    // Typing in arXiv's search box is typing: nothing is starred, nothing moves.
    const pressedStars = () => page.locator('[data-paper-radar-action="star"][aria-pressed="true"]').count();
    expect(await pressedStars()).toBe(1);
    const search = page.locator('input[name="query"]').first();
    await search.click();
    await page.keyboard.type('sjrx?');
    expect(await search.inputValue()).toBe('sjrx?');
    expect(await pressedStars()).toBe(1);
    expect(await state(page)).toMatchObject({ current: null, outlined: 0 });
    expect(await page.locator('[data-paper-radar-help]').count()).toBe(0);
    await search.evaluate((el: HTMLInputElement) => el.blur());
    // So is typing in a field inside a closed shadow root (a web component's search box), which
    // the page sees, and our script on the window, only as the component's host.
    await page.evaluate(ADD_CLOSED_FIELD);
    await page.keyboard.type('sjrx?');
    expect(await page.evaluate(CLOSED_FIELD_VALUE)).toBe('sjrx?');
    expect(await pressedStars()).toBe(1);
    expect(await state(page)).toMatchObject({ current: null, outlined: 0 });
    expect(await page.locator('[data-paper-radar-help]').count()).toBe(0);
    await page.evaluate(REMOVE_CLOSED_FIELD);

    // Turned off in the options page: j does nothing, without a reload. Back on, then remapped.
    await page.keyboard.press('j');
    expect((await state(page)).outlined).toBe(2);
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    const enabled = options.locator('[data-paper-radar-setting="keyboard-enabled"]');
    await enabled.uncheck();
    await expect.poll(async () => (await state(page)).outlined).toBe(0); // the outline goes at once
    await page.bringToFront();
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    expect(await state(page)).toMatchObject({ current: null, outlined: 0 });
    expect(await pressedStars()).toBe(1);

    await enabled.check();
    await options.locator('[data-paper-radar-key="next"]').fill('n');
    await expect.poll(() => options.locator('[data-paper-radar-key="next"]').inputValue()).toBe('n');
    await page.bringToFront();
    await expect
      .poll(async () => {
        await page.keyboard.press('n');
        return (await state(page)).current;
      })
      .not.toBeNull();
    const afterN = (await state(page)).current;
    await page.keyboard.press('j'); // no longer a key
    expect((await state(page)).current).toBe(afterN);
    await options.locator('[data-paper-radar-setting="keyboard-defaults"]').click();
    await options.close();
  });

  it('an in-page jump (the listing\'s "cross-lists" link) keeps the session: the same controls, the current entry, z', async () => {
    const page = await openAnnotated();
    await page.evaluate(() => document.querySelectorAll('[data-paper-radar-id]').forEach((host) => ((host as HTMLElement & { mark?: boolean }).mark = true)));
    await page.keyboard.press('j');
    const { current } = await state(page);
    await page.keyboard.press('s');
    await expect.poll(() => button(page, current!, 'star').getAttribute('aria-pressed')).toBe('true');
    await page.locator('a[href="#item15"]').first().click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#item15');
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300))); // a session restart would have run by now
    // The controls are the ones built at first (a new session would have built others).
    const kept = await page.evaluate(() => [...document.querySelectorAll('[data-paper-radar-id]')].every((host) => (host as HTMLElement & { mark?: boolean }).mark === true));
    expect(kept).toBe(true);
    expect((await state(page)).current).toBe(current);
    await page.keyboard.press('z');
    await expect.poll(() => button(page, current!, 'star').getAttribute('aria-pressed')).toBe('false');
    await page.close();
  });

  it('keeps working when the page renders a new listing on the client side, and on entries it appends', async () => {
    const page = await openAnnotated();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const before = await state(page);
    expect(before.outlined).toBe(2);

    // Client-side navigation: pushState, then the app swaps the listing for a fresh render.
    await page.evaluate(RENDER_LISTING_ANEW);
    await expect.poll(() => page.locator('[data-paper-radar-id]').count()).toBe(49);
    await waitForAnnotation(page);
    expect((await state(page)).outlined).toBe(0); // nothing left of the old page's outline
    await page.keyboard.press('j');
    const first = await page.evaluate(() => document.querySelector<HTMLElement>('[data-paper-radar-id]')!.dataset.paperRadarId);
    expect(await state(page)).toMatchObject({ current: first, outlined: 2, focusedAction: 'star', focusedIn: first });

    // Infinite scroll: an entry appended to the last list is reached by j.
    const appended = await page.evaluate(() => {
      const dts = document.querySelectorAll('dl#articles > dt');
      const last = dts[dts.length - 1]!;
      const [dt, dd] = [last.cloneNode(true) as Element, last.nextElementSibling!.cloneNode(true) as Element];
      dt.querySelector('[data-paper-radar-id]')?.remove();
      for (const el of [dt, dd]) for (const a of [...el.attributes]) if (a.name.startsWith('data-paper-radar')) el.removeAttribute(a.name);
      const oldId = last.querySelector<HTMLElement>('[data-paper-radar-id]')!.dataset.paperRadarId!.replace('arxiv:', '');
      for (const a of dt.querySelectorAll('a[href]')) a.setAttribute('href', a.getAttribute('href')!.replace(oldId, '2408.99999'));
      last.parentElement!.append(dt, dd);
      return 'arxiv:2408.99999';
    });
    await expect.poll(() => page.locator(`[data-paper-radar-id="${appended}"]`).count()).toBe(1);
    for (let i = 0; i < 60; i++) await page.keyboard.press('j');
    expect(await state(page)).toMatchObject({ current: appended, focusedIn: appended });
    await page.keyboard.press('s');
    await expect.poll(() => button(page, appended, 'star').getAttribute('aria-pressed')).toBe('true');

    // o opens the previous (real) paper's abstract in this tab, and that counts as reading it.
    await page.keyboard.press('k');
    const opened = (await state(page)).current!;
    expect(await button(page, opened, 'read').getAttribute('aria-pressed')).toBe('false');
    const absUrl = `https://arxiv.org/abs/${opened.replace('arxiv:', '')}`;
    const request = page.waitForRequest(absUrl);
    await page.keyboard.press('o');
    await request; // (refused offline; the address is what matters)
    const again = await openAnnotated();
    await expect.poll(() => button(again, opened, 'read').getAttribute('aria-pressed')).toBe('true');

    // p opens the next paper's PDF, read too.
    await again.keyboard.press('j');
    const pdf = (await state(again)).current!;
    expect(await button(again, pdf, 'read').getAttribute('aria-pressed')).toBe('false');
    const pdfRequest = again.waitForRequest(`https://arxiv.org/pdf/${pdf.replace('arxiv:', '')}`);
    await again.keyboard.press('p');
    await pdfRequest;
    const third = await openAnnotated();
    await expect.poll(() => button(third, pdf, 'read').getAttribute('aria-pressed')).toBe('true');
  });

  it('with "Hide papers I dismissed" on, x hides the paper once the outline moves on, z brings it back, and turning it off shows every one', async () => {
    const { options, hide } = await openHideDismissed(browser);
    await hide.check();
    const page = await openAnnotated();
    // Both of an entry's elements (<dt> with the control, <dd> with title, authors and abstract).
    const shown = (id: string) =>
      page.evaluate((paperId) => {
        const dt = document.querySelector(`[data-paper-radar-id="${paperId}"]`)!.closest('dt')!;
        return [dt.checkVisibility(), dt.nextElementSibling!.checkVisibility()];
      }, id);
    await page.evaluate(() => {
      const dt = document.querySelectorAll('dl#articles > dt')[29]!;
      scrollTo(0, dt.getBoundingClientRect().top + scrollY + 10);
    });
    // (An entry the test before dismissed is hidden now: its box has no position to compare.)
    const [dismissed, next, third] = (await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-paper-radar-id]')]
        .filter((host) => host.checkVisibility() && host.closest('dt')!.getBoundingClientRect().top >= 0)
        .map((host) => host.dataset.paperRadarId!),
    )) as [string, string, string];

    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await expect.poll(() => button(page, dismissed, 'dismiss').getAttribute('aria-pressed')).toBe('true');
    expect(await shown(dismissed)).toEqual([true, true]); // its star still has the focus: the user sees what x did
    // ? to look up the key that undoes it: the paper stays while the help has the focus, and Esc gives its star the focus back.
    await page.keyboard.press('?');
    const help = page.locator('[data-paper-radar-help] [role="dialog"]');
    await expect.poll(() => help.isVisible()).toBe(true);
    expect(await shown(dismissed)).toEqual([true, true]);
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    expect(await state(page)).toMatchObject({ current: dismissed, focusedAction: 'star', focusedIn: dismissed });
    expect(await shown(dismissed)).toEqual([true, true]);
    // Tab to its other buttons: it stays while the focus moves within it.
    await page.keyboard.press('Tab');
    expect(await state(page)).toMatchObject({ focusedAction: 'read', focusedIn: dismissed });
    await page.keyboard.press('Shift+Tab');
    expect(await state(page)).toMatchObject({ focusedAction: 'star', focusedIn: dismissed });
    expect(await shown(dismissed)).toEqual([true, true]);
    await page.keyboard.press('j');
    expect(await state(page)).toMatchObject({ current: next, focusedAction: 'star', focusedIn: next });
    expect(await shown(dismissed)).toEqual([false, false]);
    expect(await shown(next)).toEqual([true, true]);
    await page.screenshot({ path: path.join(SHOTS, 'hide-dismissed.png') });
    // Its section's heading says how many of the section's papers are hidden: arXiv's own
    // "(showing 49 of 49 entries)" still counts them.
    const section = await page.evaluate((paperId) => {
      let heading: Element | null = document.querySelector(`[data-paper-radar-id="${paperId}"]`)!.closest('dt');
      while (heading && heading.localName !== 'h3') heading = heading.previousElementSibling;
      let hidden = 0;
      for (let el = heading!.nextElementSibling; el && el.localName !== 'h3'; el = el.nextElementSibling) {
        if (el.localName === 'dt' && el.hasAttribute('data-paper-radar-dismissed')) hidden++;
      }
      return { text: heading!.textContent!.replace(/\s+/g, ' ').trim(), hidden };
    }, dismissed);
    expect(section.hidden).toBeGreaterThanOrEqual(1);
    const headingNamed = (hidden: number) =>
      page.getByRole('heading', { level: 3, exact: true, name: hidden > 0 ? `${section.text} · ${hidden} dismissed, hidden` : section.text }).count();
    await expect.poll(() => headingNamed(section.hidden)).toBe(1);

    await page.keyboard.press('z');
    await expect.poll(() => button(page, dismissed, 'dismiss').getAttribute('aria-pressed')).toBe('false');
    expect(await state(page)).toMatchObject({ current: dismissed });
    await page.keyboard.press('j');
    expect(await shown(dismissed)).toEqual([true, true]); // no longer dismissed
    await expect.poll(() => headingNamed(section.hidden - 1)).toBe(1);

    // Dismissed again, and hidden; with the option off, it shows (dimmed) without a reload.
    await page.keyboard.press('k');
    await page.keyboard.press('x');
    await expect.poll(() => button(page, dismissed, 'dismiss').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('j');
    expect(await shown(dismissed)).toEqual([false, false]);

    // By mouse, with the keyboard shortcuts off: a paper dismissed by a click stays while its
    // control has the focus (a second click on ✕ would take it back), and goes on a click elsewhere.
    await options.locator('[data-paper-radar-setting="keyboard-enabled"]').uncheck();
    await page.bringToFront();
    await expect.poll(async () => (await state(page)).outlined).toBe(0);
    await button(page, next, 'dismiss').click();
    await expect.poll(() => button(page, next, 'dismiss').getAttribute('aria-pressed')).toBe('true');
    expect(await shown(next)).toEqual([true, true]);
    await page.mouse.click(2, 2); // the page's margin
    await expect.poll(() => shown(next)).toEqual([false, false]);
    await options.locator('[data-paper-radar-setting="keyboard-enabled"]').check();
    // The same with the shortcuts on, where the click also makes the entry the current (outlined)
    // one. The setting reaches the page through storage's change event: j outlines an entry once
    // it has.
    await page.bringToFront();
    await expect
      .poll(async () => {
        await page.keyboard.press('j');
        return (await state(page)).outlined;
      })
      .toBeGreaterThan(0);
    await button(page, third, 'dismiss').click();
    await expect.poll(() => state(page)).toMatchObject({ current: third, focusedIn: third });
    await expect.poll(() => button(page, third, 'dismiss').getAttribute('aria-pressed')).toBe('true');
    expect(await shown(third)).toEqual([true, true]);
    await page.mouse.click(2, 2);
    await expect.poll(() => shown(third)).toEqual([false, false]);

    // The popup says how many this page hides and shows them here, until asked again or the page is left.
    const dismissedHere = await page.evaluate(() => document.querySelectorAll('dt[data-paper-radar-dismissed]').length);
    expect(dismissedHere).toBeGreaterThanOrEqual(3);
    const popup = await browser.context.newPage();
    await popup.goto(`${popupUrl(browser)}?tab=${await tabIdOf(browser, page)}`);
    const showDismissed = popup.locator('[data-paper-radar-action="show-dismissed"]');
    await expect.poll(() => showDismissed.textContent()).toBe(`Show ${dismissedHere} dismissed`);
    await showDismissed.click();
    await expect.poll(() => showDismissed.getAttribute('aria-pressed')).toBe('true');
    expect([await shown(dismissed), await shown(next)]).toEqual([[true, true], [true, true]]);
    await popup.setViewportSize({ width: 480, height: 240 });
    await popup.screenshot({ path: path.join(SHOTS, 'show-dismissed-popup.png') });
    await showDismissed.click();
    await expect.poll(() => showDismissed.getAttribute('aria-pressed')).toBe('false');
    expect([await shown(dismissed), await shown(next)]).toEqual([[false, false], [false, false]]);
    await showDismissed.click();
    await expect.poll(() => shown(next)).toEqual([true, true]);
    // One taken back in the popup's own list while it is open: the page's count follows.
    await popup.setViewportSize({ width: 480, height: 900 });
    await popup.getByRole('tab', { name: /History/ }).click();
    const listed = popup.locator(`.paper[data-paper-radar-id="${third}"] [data-paper-radar-action="dismiss"]`);
    await expect.poll(() => listed.getAttribute('aria-pressed')).toBe('true');
    await listed.click();
    await expect.poll(() => button(page, third, 'dismiss').getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => showDismissed.textContent()).toBe(`Show ${dismissedHere - 1} dismissed ✓`);
    await listed.click(); // dismissed again, as before
    await expect.poll(() => showDismissed.textContent()).toBe(`Show ${dismissedHere} dismissed ✓`);
    await page.reload(); // a new page: its dismissed papers are hidden again
    await waitForAnnotation(page);
    await expect.poll(() => shown(next)).toEqual([false, false]);
    // The same by key: H shows them, says how many, and hides them again.
    const notice = () => page.locator('[data-paper-radar-notice] [role="status"]').textContent();
    await page.keyboard.press('H');
    await expect.poll(() => shown(next)).toEqual([true, true]);
    expect(await notice()).toBe(`Showing the ${dismissedHere} dismissed papers on this page until you leave it.`);
    await page.keyboard.press('H');
    await expect.poll(() => shown(next)).toEqual([false, false]);
    expect(await notice()).toBe(`Hiding the ${dismissedHere} dismissed papers on this page again.`);

    // A paper's own abstract page is the paper: dismissed, it still shows there.
    const abs = await openAnnotated(ARXIV_PAGES.absNew.url);
    const absId = (await abs.locator('[data-paper-radar-id]').getAttribute('data-paper-radar-id'))!;
    await button(abs, absId, 'dismiss').click();
    await expect.poll(() => button(abs, absId, 'dismiss').getAttribute('aria-pressed')).toBe('true');
    await abs.reload();
    await waitForAnnotation(abs);
    expect(await abs.evaluate(() => document.querySelector('#abs')!.checkVisibility())).toBe(true);
    // …nor dimmed as dismissed: it is what the user came to read.
    await abs.mouse.move(0, 0);
    expect(await abs.evaluate(() => getComputedStyle(document.querySelector('#abs')!).opacity)).toBe('1');
    expect(await abs.evaluate(() => document.querySelector('#abs')!.hasAttribute('data-paper-radar-dismissed'))).toBe(true);
    expect(await abs.evaluate(() => document.documentElement.hasAttribute('data-paper-radar-hide-dismissed'))).toBe(false);
    await abs.keyboard.press('H');
    await expect.poll(() => abs.locator('[data-paper-radar-notice] [role="status"]').textContent()).toBe('No dismissed papers are hidden here: the settings page can hide them.');
    await popup.goto(`${popupUrl(browser)}?tab=${await tabIdOf(browser, abs)}`); // nothing hidden there, nothing to show
    await expect.poll(() => popup.locator('[data-paper-radar-page-status] .page-count').textContent()).toBe('1 paper on this page');
    expect(await showDismissed.count()).toBe(0);
    expect(await popup.locator('[data-paper-radar-action="order-by-relevance"]').count()).toBe(0); // one paper: nothing to order

    await hide.uncheck();
    await expect.poll(() => shown(dismissed)).toEqual([true, true]);
    await options.close();
  });

  it('with "Hide papers I dismissed" on, a listing without sections (arXiv search, Hugging Face, Scholar) says on its summary line how many it hides', async () => {
    const { options, hide } = await openHideDismissed(browser);
    await hide.check();
    const summaries = { [ARXIV_PAGES.search.url]: 'h1.title', [OTHER_PAGES.huggingfaceDaily.url]: 'main h1', [OTHER_PAGES.scholarSearch.url]: '#gs_ab_md .gs_ab_mdw' };
    for (const listing of UNSECTIONED) {
      const page = await openAnnotated(listing.url);
      const summary = page.locator(summaries[listing.url]!);
      // The line as the user sees it: its text and what the page style adds after it.
      const shownText = () =>
        summary.evaluate((el) => {
          const after = getComputedStyle(el, '::after').content;
          return `${el.textContent!.replace(/\s+/g, ' ').trim()}${after === 'none' ? '' : after}`;
        });
      const before = await shownText();
      const [first, second] = (await page.locator('[data-paper-radar-id]').evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-paper-radar-id')!))) as [string, string];
      await button(page, first, 'dismiss').click();
      await button(page, second, 'dismiss').click();
      await page.mouse.click(2, 2); // focus leaves the last one: both hide
      await expect.poll(() => page.locator(`[data-paper-radar-id="${second}"]`).isVisible()).toBe(false);
      expect(await page.locator(`[data-paper-radar-id="${first}"]`).isVisible()).toBe(false);
      await expect.poll(shownText).toBe(`${before}" · 2 dismissed, hidden"`);
      // In the line's own colour, lighter (a fixed grey was unreadable on a dark page).
      expect(await summary.evaluate((el) => [getComputedStyle(el, '::after').color, getComputedStyle(el).color])).toSatisfy(([after, own]: string[]) => after === own);
      if (listing === OTHER_PAGES.scholarSearch) {
        await summary.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(SHOTS, 'hidden-count-scholar.png') });
      }
      // Shown again (by key, H), the line says nothing more.
      await page.keyboard.press('H');
      await expect.poll(shownText).toBe(before);
      await page.close();
    }
    await hide.uncheck();
    await options.close();
  });

  it('with "Hide papers I dismissed" on, ✕ clicked on one paper after another dismisses each: none moves under the pointer', async () => {
    const { options, hide } = await openHideDismissed(browser);
    await hide.check();
    const page = await openAnnotated();
    // Three papers in a row that are shown and not dismissed.
    const hosts = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-paper-radar-id]')].map((host) => ({
        id: host.dataset.paperRadarId!,
        free: host.checkVisibility() && !host.closest('dt')!.hasAttribute('data-paper-radar-dismissed'),
      })),
    );
    const start = hosts.findIndex((_, i) => hosts.slice(i, i + 3).filter((h) => h.free).length === 3);
    const row = hosts.slice(start, start + 3).map((h) => h.id);
    expect(row).toHaveLength(3);
    const pressed = () => Promise.all(row.map((id) => button(page, id, 'dismiss').getAttribute('aria-pressed')));
    for (const [i, id] of row.entries()) {
      // Pressed as the one before leaves the focus (and would hide at once): the click must land here.
      await button(page, id, 'dismiss').click();
      await expect.poll(pressed).toEqual(row.map((_, j) => String(j <= i)));
    }
    await page.mouse.click(2, 2); // the page's margin: the last one goes too
    await expect.poll(() => page.evaluate((ids) => ids.map((id) => document.querySelector(`[data-paper-radar-id="${id}"]`)!.checkVisibility()), row)).toEqual([false, false, false]);
    for (let i = 0; i < row.length; i++) await page.keyboard.press('z'); // as they were, for the tests after this one
    await expect.poll(pressed).toEqual(['false', 'false', 'false']);
    await hide.uncheck();
    await page.close();
    await options.close();
  });
});
