/**
 * Reading entry text for the adapters "as the page shows it": entities decoded (the parser did that),
 * whitespace collapsed, and math as the TeX the authors wrote.
 *
 * arXiv writes math in titles, abstracts and comments as TeX between `$…$`, and the pages load
 * MathJax 2 (tex2jax, inlineMath [['$','$']], processClass 'mathjax.*') to typeset it. In the
 * HTML arXiv serves, the TeX is plain text, so textContent is already right. But in a live tab
 * after MathJax ran, and in a page saved from such a tab (the 2024-11-22 astro-ph pastweek
 * fixture), every `$…$` has been replaced by three siblings:
 *
 *   <span class="MathJax_Preview" style="display: none;"></span>        preview (empty on arXiv)
 *   <span class="MathJax" id="MathJax-Element-1-Frame">…<span class="mn">0513.9</span>…</span>
 *                                                                        rendered glyph spans
 *   <script type="math/tex" id="MathJax-Element-1">0513.9-6951</script>  the TeX, without `$`
 *
 * textContent of that is "0513.9−69510513.9-6951" (glyphs, then the script's TeX). Display math
 * is the same with a <div class="MathJax_Display"> and `type="math/tex; mode=display"`, and
 * MathJax's other output modes use MathJax_SVG / MathJax_CHTML / MathJax_MathML frames. The script
 * is the only copy of the source: on the saved page's 30 formulas no data-* or aria attribute or
 * assistive MathML holds it, and every preview is empty. So the reader skips every element whose
 * class starts with "MathJax" and turns each math/tex script back into `$TeX$` (`$$TeX$$` for
 * display math), which is what the author wrote. (One loss: with processEscapes, a `\$` the
 * author wrote outside math is shown, and read, as a bare "$".)
 *
 * arXiv also hides every web address in comments and abstracts behind a link reading "this
 * https URL" (on listings and abstract pages; its search results show the address). The reader
 * gives such a link's address instead, when it is http(s): "code at https://github.com/…"
 * is what the authors wrote, and the only copy of it a saved paper keeps.
 *
 * The walk is iterative (no recursion: a hostile page can nest elements arbitrarily deep) and
 * stops collecting after `max` characters.
 */
import { LIMITS } from '../../src/core/paper';
import { collapseWhitespace, safeHttpUrl } from '../../src/core/text';

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** MathJax 2 output and preview elements: class "MathJax", "MathJax_Preview", "MathJax_Display", … */
const MATHJAX_OUTPUT_CLASS = /(?:^|\s)MathJax/;
/** `<script type="math/tex">` or `"math/tex; mode=display"`: the TeX source MathJax 2 keeps. */
const MATH_TEX_TYPE = /^\s*math\/tex\s*(;.*)?$/i;

export interface ReadTextOptions {
  /** Elements to leave out together with their content, e.g. arXiv's "Title:" descriptor. */
  skip?: (el: Element) => boolean;
  /** Stop collecting after about this many characters (page text is untrusted). */
  max?: number;
}

/** The text of `root` with math as written TeX, whitespace collapsed; '' for null. */
export function readText(root: Element | null | undefined, options: ReadTextOptions = {}): string {
  if (!root) return '';
  const { skip, max = 20_000 } = options;
  const parts: string[] = [];
  let length = 0;
  let node: Node | null = root.firstChild;
  while (node && length < max) {
    let descend = false;
    if (node.nodeType === TEXT_NODE) {
      // One text node can hold a whole hostile page: only what is still wanted is kept.
      const text = (node.nodeValue ?? '').slice(0, max - length);
      parts.push(text);
      length += text.length;
    } else if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      const text = el.localName === 'script' ? mathTex(el) : el.localName === 'a' ? placeholderAddress(el) : null;
      if (text !== null) {
        parts.push(text);
        length += text.length;
      } else {
        descend = !isInvisible(el) && !(skip?.(el) ?? false);
      }
    }
    node = nextNode(node, root, descend);
  }
  return collapseWhitespace(parts.join(''));
}

/**
 * True for arXiv's field labels: <span class="descriptor">Title:</span> and the like. Read from
 * the class attribute: classList would make a DOMTokenList for each of 2,000 entries.
 */
export function isDescriptor(el: Element): boolean {
  const cls = el.getAttribute('class');
  // The served markup says exactly "descriptor": checked without the regular expression.
  return cls !== null && (cls === 'descriptor' || DESCRIPTOR_CLASS.test(cls));
}

/** "descriptor" as one of the class names (separated by ASCII whitespace, as classList splits them). */
const DESCRIPTOR_CLASS = /(?:^|[\t\n\f\r ])descriptor(?:[\t\n\f\r ]|$)/;

/** `$TeX$` for a MathJax 2 source script, null for any other element. */
function mathTex(script: Element): string | null {
  const type = script.getAttribute('type');
  if (type === null || !MATH_TEX_TYPE.test(type)) return null;
  const tex = script.textContent ?? '';
  return /mode\s*=\s*display/i.test(type) ? `$$${tex}$$` : `$${tex}$`;
}

/** arXiv's stand-in for a web address in comments and abstracts. */
const URL_PLACEHOLDER = /^\s*this (?:https?|ftp) URL\s*$/;

/**
 * The address of a link arXiv shows as "this https URL", when it is http(s); else null. An
 * address that is only `http://<host>/` gives the host alone: arXiv's linker reads any
 * "word.word" the authors typed as a host ("10 figures.submitted to ApJS", "gr.qc:2401.08758")
 * and links it that way, so the host is what they wrote (a real address of theirs keeps its path).
 */
function placeholderAddress(link: Element): string | null {
  if (!URL_PLACEHOLDER.test(link.textContent ?? '')) return null;
  const href = link.getAttribute('href')?.trim() ?? '';
  if (safeHttpUrl(href) === null) return null;
  return LINKED_BARE_HOST.exec(href)?.[1] ?? href;
}

/** `http://host/` and nothing more: what arXiv's linker makes of a bare "word.word". */
const LINKED_BARE_HOST = /^http:\/\/([^/?#:@\s]+)\/?$/i;

/** Elements whose content is not page text: other scripts, styles, and MathJax's rendering. */
function isInvisible(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'script' || tag === 'style' || tag === 'template') return true;
  const cls = el.getAttribute('class');
  return cls !== null && MATHJAX_OUTPUT_CLASS.test(cls);
}

/** The next node of a pre-order walk under `root`, entering `node`'s children when `descend`. */
function nextNode(node: Node, root: Node, descend: boolean): Node | null {
  if (descend && node.firstChild) return node.firstChild;
  let current: Node | null = node;
  while (current && current !== root) {
    if (current.nextSibling) return current.nextSibling;
    current = current.parentNode;
  }
  return null;
}

/** Whitespace-collapsed textContent ('' for null): for text MathJax never typesets. */
export function collapse(text: string | null | undefined): string {
  // Page text usually has whitespace only at its ends (the markup's indentation): trim() is a
  // fast built-in, and the regular expressions run only when something is left to collapse.
  // The result is the same either way (collapseWhitespace trims too).
  const trimmed = (text ?? '').trim();
  return NEEDS_COLLAPSE.test(trimmed) ? collapseWhitespace(trimmed) : trimmed;
}

/** Anything collapseWhitespace would change in a string that trim() has already trimmed. */
const NEEDS_COLLAPSE = /[^\S ]|\u200b| {2}/;

/**
 * Author names, one per link. Plain textContent is right here and cheap (a page can list
 * thousands of names): author lines are never typeset as math. Whitespace is collapsed by
 * clampMeta; past its limit, only one more name is read (so that it knows the list was cut).
 */
export function readNames(links: Iterable<Element>): string[] {
  const names: string[] = [];
  for (const link of links) {
    const name = link.textContent ?? '';
    if (name.trim() !== '') names.push(name);
    if (names.length > LIMITS.authors) break; // one more than kept: clampMeta says the list was cut
  }
  return names;
}

/**
 * Author names from a line of links, as arXiv writes them: "<a>A. Name</a> (Affiliation), <a>B.
 * Name</a>". Mostly one name per link, but arXiv links some names only in part: "<a>Yuxi</a>
 * (Lucy)Lu" is one author, as is "<a>Xunhe</a> (Andrew)<a>Zhang</a>" (one per link read "Yuxi",
 * and two authors). So links with no separator between them (a comma, ";", ":", "&" or "and")
 * are one name, with the text between; a name keeps the text glued after its last link up to
 * the next comma outside parentheses, less the affiliations in parentheses that end it
 * ("(UrFU)", "(1) ((1) Purdue University)"). Text with no link names nobody ("DESI
 * Collaboration: " before one, "et al. (84 additional authors not shown)" after the last).
 */
export function readAuthorLine(line: Element | null): string[] {
  const links = line ? line.getElementsByTagName('a') : [];
  const names: string[] = [];
  let name = '';
  for (let i = 0; i < links.length && names.length <= LIMITS.authors; i++) {
    name += links[i]!.textContent ?? '';
    const next = links[i + 1] ?? null;
    const between = textBetween(links[i]!, next);
    if (next && between !== null && !AUTHOR_BREAK.test(between)) {
      name += between;
      continue;
    }
    const named = name + gluedAfter(between ?? '');
    if (named.trim() !== '') names.push(named);
    name = '';
  }
  return names;
}

/**
 * Whether an author line names only some of the authors: arXiv's listings cut long lists after
 * the last link with "et al. (84 additional authors not shown)".
 */
export function namesOnlySome(line: Element): boolean {
  const links = line.getElementsByTagName('a');
  const lastName = links[links.length - 1]?.textContent;
  if (!lastName) return false;
  const text = line.textContent ?? '';
  return /\bet al\b/i.test(text.slice(text.lastIndexOf(lastName) + lastName.length));
}

const AUTHOR_BREAK = /[,;:&]|\band\b/i;
/** Affiliations in parentheses (one level nested) at the end of a name's tail. */
const TRAILING_AFFILIATIONS = /(?:\s*\((?:[^()]|\([^()]*\))*\))+\s*$/;

/** The most text between two links read: a separator and an affiliation are short. */
const MAX_BETWEEN = 300;

/**
 * The text of the nodes after `link` up to `next` (or the line's first MAX_BETWEEN characters
 * after the last link), when they are its siblings and the text is short; else null (a line
 * built otherwise reads one name per link).
 */
function textBetween(link: Element, next: Element | null): string | null {
  let text = '';
  for (let node = link.nextSibling; node !== next; node = node.nextSibling) {
    if (!node || text.length > MAX_BETWEEN) return next ? null : text.slice(0, MAX_BETWEEN);
    text += node.textContent ?? '';
  }
  return text;
}

/** What of the text after a name's last link belongs to it: up to a comma outside parentheses, less affiliations. */
function gluedAfter(text: string): string {
  let depth = 0;
  let end = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      end = i;
      break;
    }
  }
  const tail = text.slice(0, end).replace(TRAILING_AFFILIATIONS, '');
  // Letters, in balanced parentheses if any ("(Lucy)Lu"): an unclosed "(UrFU" is no part of a name.
  return /\p{L}/u.test(tail) && !/[()]/.test(tail.replace(/\([^()]*\)/g, '')) ? tail.trimEnd() : '';
}

/** Runs one entry's reader; odd markup in one entry must not cost the others. */
export function attempt<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}
