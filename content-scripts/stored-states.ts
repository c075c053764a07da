/**
 * Reads the stored states of a page's papers from the background, under every id an entry goes
 * by. A page can name other ids of an entry (ExtractedEntry.aliases: a Scholar result's cluster
 * next to its arXiv id), and the user's marks may be stored under any of them: each is asked for,
 * and what they hold is merged into the entry's state (see mergePageStates).
 */
import { chunks } from '../src/core/chunks';
import { mergePageStates } from '../src/core/merge';
import { LIMITS, unpackPageState, type PageState } from '../src/core/paper';
import type { Messenger } from '../src/messenger';

export class StoredStates {
  /** Entries' other ids, and the entries each alias names. */
  private readonly aliasesOf = new Map<string, readonly string[]>();
  private readonly entriesByAlias = new Map<string, Set<string>>();

  constructor(private readonly messenger: Messenger) {}

  /** An entry's other ids: asked for with it from now on, and a change to one is the entry's. */
  know(id: string, aliases: readonly string[]): void {
    if (aliases.length === 0) return;
    this.aliasesOf.set(id, [...new Set([...(this.aliasesOf.get(id) ?? []), ...aliases])]);
    for (const alias of aliases) {
      const owners = this.entriesByAlias.get(alias);
      if (owners) owners.add(id);
      else this.entriesByAlias.set(alias, new Set([id]));
    }
  }

  /** The ids a change notice names, with the entries named by them as an alias (a paper stored under its Scholar cluster). */
  concerned(changed: readonly string[]): readonly string[] {
    if (this.entriesByAlias.size === 0) return changed;
    return [...new Set([...changed, ...changed.flatMap((id) => [...(this.entriesByAlias.get(id) ?? [])])])];
  }

  /** The stored states of the papers among `ids` that are stored; null when they could not be read. */
  async read(ids: readonly string[]): Promise<Record<string, PageState> | null> {
    if (ids.length === 0) return {};
    const asked = this.aliasesOf.size === 0 ? ids : [...new Set(ids.flatMap((id) => [id, ...(this.aliasesOf.get(id) ?? [])]))];
    const states: Record<string, PageState> = {};
    try {
      for (const batch of chunks(asked, LIMITS.batch)) {
        const answer = await this.messenger.send({ type: 'getStates', ids: batch });
        for (const id in answer.states) states[id] = unpackPageState(answer.states[id]!);
      }
    } catch (error) {
      console.warn('Paper Radar: could not read stored states', error);
      return null;
    }
    if (asked === ids) return states;
    const byEntry: Record<string, PageState> = {};
    for (const id of ids) {
      const state = mergePageStates([states[id], ...(this.aliasesOf.get(id) ?? []).map((alias) => states[alias])]);
      if (state) byEntry[id] = state;
    }
    return byEntry;
  }
}
