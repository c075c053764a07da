/**
 * What the background does with each validated request. Kept free of extension APIs (the change
 * notifier is passed in) so the whole request path runs in Node tests against fake-indexeddb.
 */
import { failureMessage } from '../store/failure';
import { datedMarksOf, type PaperState } from '../core/paper';
import { seenOnlySummary } from '../store/forget';
import { applyHistorySetting, forgetHistory } from './history';
import { NEVER_FORGET } from '../history-settings';
import { describeIssue } from '../library/issues';
import { combinerFor } from '../library/merge-import';
import { mergeInterests, rebaseInterests, sameInterests } from '../library/merge-interests';
import * as v from 'valibot';
import { InterestsSchema, type ImportSummary, type Request, type Response, type RequestType } from '../messages';
import type { PaperDb } from '../store/db';
import { applyFlag, getPageStates, importRecords, markPapers, markSeen, primePageStates, restoreMarks, retagPapers, updateAnnotations, type BulkResult } from '../store/papers';
import { getHistory, getSyncSettings, setHistory, setHistoryForgotAt, setSyncSettings, updateInterests } from '../store/settings';
import { topicsTagged, type Interests } from '../relevance/interests';
import type { RelevanceService } from './relevance';

export interface HandlerContext {
  db: PaperDb;
  now: () => number;
  /** Tells every open page and popup that these papers changed. */
  notifyChanged: (ids: string[]) => Promise<void>;
  /** Tells the extension's open pages (popup, library page) that these papers were seen (see SeenNotice). */
  notifySeen?: ((ids: string[]) => void) | undefined;
  /** Tells the extension's open pages that the history setting was stored (see HISTORY_SETTING_NOTICE). */
  notifyHistorySetting?: (() => void) | undefined;
  /** The relevance engine (one per worker: it keeps the corpus and model in memory). */
  relevance: RelevanceService;
  /**
   * The request came from a tab of a private window (Chrome's incognito, Firefox's private
   * browsing), where the user has allowed the extension: what such a page merely shows is not
   * recorded (no sightings, no papers counted for relevance), as the browser keeps no history of
   * it. What the user does there on purpose (a star, a read mark, a tag) is kept, as a bookmark
   * made in a private window is.
   */
  privateTab?: boolean | undefined;
  /**
   * The request came from a web page's tab (its content script, in the page's renderer, which a
   * hostile page may have compromised): answers carry no paper's note or tags, which the page
   * does not show, so none can be read by asking for a mark the paper has already.
   */
  fromPage?: boolean | undefined;
  /** Marks or interests changed here: sync passes them on (when the user turned sync on). */
  syncChanged?: (() => void) | undefined;
  /** The sync switch was stored: sync starts (a pass at once) or stops. Logs its own failures (the switch is stored). */
  syncSwitched?: ((enabled: boolean) => Promise<void>) | undefined;
}

export async function handleRequest<T extends RequestType>(
  request: Extract<Request, { type: T }>,
  ctx: HandlerContext,
): Promise<Response<T>> {
  return (await dispatch(request, ctx)) as Response<T>;
}

async function dispatch(request: Request, ctx: HandlerContext): Promise<Response<RequestType>> {
  switch (request.type) {
    case 'wake':
      // The database was opened before any request is handled. The relevance model loads in the
      // background meanwhile: the page asks for scores once its controls are shown.
      void ctx.relevance.warm().catch((error: unknown) => console.warn('Paper Radar: could not load the relevance model', error));
      // And the papers' states, which the page asks for once it has read its entries.
      void primePageStates(ctx.db).catch((error: unknown) => console.warn('Paper Radar: could not read the stored states', error));
      return { ok: true };
    case 'getStates':
      return { states: await getPageStates(ctx.db, dedupe(request.ids)) };
    case 'setFlag': {
      const result = await applyFlag(ctx.db, { id: request.id, flag: request.flag, value: request.value, meta: request.paper }, ctx.now());
      // Every id the paper is known by: a page may show it under any of them. Stars and
      // dismissals are what the model learns from (read is not).
      await followUp(ctx, [request.id, ...result.ids], { labels: request.flag !== 'read', sync: true });
      return { state: forSender(result.state, ctx), before: datedMarksOf(result.before) };
    }
    case 'markSeen': {
      if (ctx.privateTab) return { seen: 0 }; // the page does not send them (main.ts); refused all the same
      // The store folds repeated papers (and papers sharing an id) into one write each.
      const { ids, changed } = await markSeen(ctx.db, request.papers, ctx.now());
      // Seeing a paper under a new id can merge records or link the id to a stored paper: pages
      // showing those ids re-read, and the model learns the paper's marks under the id kept
      // (else a star learned under the old id was "like" the paper itself).
      await followUp(ctx, changed, { labels: changed.length > 0 });
      ctx.notifySeen?.(ids);
      return { seen: new Set(request.papers.map((p) => p.id)).size };
    }
    case 'getInterests':
      return { interests: await ctx.relevance.getInterests() };
    case 'getLearnedAbbreviations':
      return { abbreviations: await ctx.relevance.learnedAbbreviations() };
    case 'setInterests': {
      // Compared with the interests as stored, and written, in one transaction: two editors saving
      // from the same base at once (the options page, the popup's follow) both keep their edit.
      let changedElsewhere = false;
      const interests = await updateInterests(
        ctx.db,
        (stored) => {
          changedElsewhere = request.base !== undefined && !sameInterests(stored, request.base);
          return changedElsewhere ? checkedInterests(rebaseInterests(request.base!, request.interests, stored), 'the changes made elsewhere meanwhile') : request.interests;
        },
        ctx.now(),
      );
      await followUp(ctx, [], { interests: true, sync: true });
      return { interests, changedElsewhere };
    }
    case 'scoreEntries':
      return ctx.relevance.score(request.papers, { counted: !ctx.privateTab });
    case 'similarPapers':
      return { papers: await ctx.relevance.similar(request.id) };
    case 'papersAbout':
      return { papers: await ctx.relevance.about(request.text) };
    case 'seenOnlySummary':
      return seenOnlySummary(ctx.db, request.cutoffs);
    case 'forgetSeen': {
      const { forgotten, failure } = await forgetHistory(ctx, request.before ?? Infinity);
      return failure === undefined ? { forgotten } : { forgotten, failed: failureMessage(failure, { firstWrite: false }) };
    }
    case 'getHistorySettings':
      return { settings: (await getHistory(ctx.db)).settings ?? NEVER_FORGET };
    case 'setHistorySettings': {
      await setHistory(ctx.db, request.settings);
      ctx.notifyHistorySetting?.();
      // The options page forgot what its question counted just before: forgetting again now, by
      // a later clock, would take papers it did not name. Applied next a day from now, as usual
      // (if that date cannot be stored, at the next start: nothing the user needs to hear of).
      if (request.justForgotten) {
        await setHistoryForgotAt(ctx.db, ctx.now()).catch((error: unknown) => console.warn('Paper Radar: could not note when history was forgotten', error));
        return { forgotten: null };
      }
      // The setting is stored: a failure applying it must not say "Nothing was changed" (nor be
      // thrown as if the setting were not saved), some papers may be forgotten already.
      try {
        return { forgotten: await applyHistorySetting(ctx, ctx.now(), true) };
      } catch (error) {
        return { forgotten: null, failed: failureMessage(error, { firstWrite: false }) };
      }
    }
    case 'getSyncSettings':
      return { settings: (await getSyncSettings(ctx.db)) ?? { enabled: false } };
    case 'setSyncSettings':
      await setSyncSettings(ctx.db, request.settings);
      await ctx.syncSwitched?.(request.settings.enabled);
      return { ok: true };
    case 'setTagsAndNote': {
      const result = await updateAnnotations(ctx.db, request, ctx.now());
      // A tag named like a topic files the paper under that topic (the model learns per topic).
      await followUp(ctx, [request.id, ...result.ids], { labels: request.tags !== undefined });
      return { state: result.state };
    }
    case 'tagPapers': {
      const result = await retagPapers(ctx.db, request, ctx.now());
      // A tag named like a topic files papers under it (as for setTagsAndNote); any other tag leaves
      // the model as it is, and a retrain on 10,000 stars would hold up the next request.
      const labels = async () => topicsTagged([...(request.add ?? []), ...(request.remove ?? [])], (await ctx.relevance.getInterests()).topics).length > 0;
      if (result.ids.length > 0) await followUp(ctx, result.ids, { labels });
      return { states: result.states, before: result.before };
    }
    case 'markPapers': {
      const result = await markPapers(ctx.db, request, ctx.now());
      await marksChanged(result, ctx, request.flag !== 'read');
      return { states: result.states, before: result.before };
    }
    case 'restoreMarks': {
      const result = await restoreMarks(ctx.db, request.marks, ctx.now(), request);
      await marksChanged(result, ctx, true);
      const states = Object.fromEntries(Object.entries(result.states).map(([id, state]) => [id, forSender(state, ctx)]));
      return { states, changedSince: result.changedSince };
    }
    case 'importLibrary': {
      // Imported topics and authors join the user's own; nothing typed here is replaced. Checked
      // before anything is written: the merge may go past a limit the import alone keeps.
      const current = request.interests ? await ctx.relevance.getInterests() : null;
      const merged = current && request.interests ? checkedInterests(mergeInterests(current, request.interests), 'the imported interests') : null;
      const interests: ImportSummary['interests'] = merged === null ? 'none' : sameInterests(current!, merged) ? 'kept' : 'merged';
      const { ids, ...counts } = await importRecords(ctx.db, request.papers, combinerFor(request.mode, ctx.now()), { eachRecord: request.mode === 'merge' });
      if (interests === 'merged') {
        // A write of its own, after the papers' (stored by now: the sender must not hear "Nothing
        // was changed"). Merged into the interests as stored now, in the same transaction: the
        // user may have saved theirs while a large file's papers were written (answered as done,
        // then overwritten).
        // A failure here is answered as what it is, not as an error: the papers are stored (the
        // page and the popup must show them), only the interests are not.
        try {
          await updateInterests(ctx.db, (yours) => checkedInterests(mergeInterests(yours, request.interests!), 'the imported interests'), ctx.now());
        } catch (error) {
          await followUp(ctx, ids, { labels: true, sync: true });
          return { ...counts, interests: 'refused', interestsProblem: failureMessage(error, { firstWrite: false }) };
        }
      }
      await followUp(ctx, ids, { labels: true, sync: true, interests: interests === 'merged' });
      return { ...counts, interests };
    }
  }
}

/** A paper's state as answered to the sender: without its note and tags for a web page (fromPage). */
function forSender(state: PaperState, ctx: HandlerContext): PaperState {
  return ctx.fromPage ? { ...state, tags: [], note: '' } : state;
}

/** After marks changed on several papers: pages re-read them, the model learns (stars, dismissals), sync passes them on. */
async function marksChanged(result: BulkResult, ctx: HandlerContext, labels: boolean): Promise<void> {
  if (result.ids.length > 0) await followUp(ctx, result.ids, { labels, sync: true });
}

/**
 * What follows a stored change: pages showing the papers re-read them (`ids`), the model learns
 * (`labels`: stars, dismissals, a tag named like a topic; `interests`: the interests changed), sync
 * passes the marks on. The change is stored whatever happens here, so a failure here (a full disk
 * refusing the notice) is logged, not answered: the sender would take back on its side what is
 * stored, and tell the user "Nothing was changed".
 */
async function followUp(
  ctx: HandlerContext,
  ids: readonly string[],
  { labels = false, interests, sync = false }: { labels?: boolean | (() => Promise<boolean>); interests?: boolean; sync?: boolean } = {},
): Promise<void> {
  try {
    if (ids.length > 0) await ctx.notifyChanged(dedupe(ids));
  } catch (error) {
    console.warn('Paper Radar: a change was stored, but open pages could not be told of it', error);
  }
  try {
    if (interests) await ctx.relevance.interestsChanged();
    else if (labels === true || (labels !== false && (await labels()))) await ctx.relevance.labelsChanged();
  } catch (error) {
    console.warn('Paper Radar: a change was stored, but the relevance model could not be told of it', error);
  }
  if (sync) ctx.syncChanged?.();
}

/** Interests a merge made, refused past the limits the editor keeps (so they stay editable). */
function checkedInterests(interests: Interests, what: string): Interests {
  const checked = v.safeParse(InterestsSchema, interests);
  if (!checked.success) {
    const limit = checked.issues[0] ? describeIssue(checked.issues[0]) : 'they would be too large';
    throw new Error(`Together with ${what}, your interests would go past a limit: ${limit}. Remove some in the settings page, then try again.`);
  }
  return interests;
}


function dedupe(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
