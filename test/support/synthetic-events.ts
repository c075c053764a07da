/**
 * jsdom makes no trusted event (`isTrusted` is false for every event a test dispatches, and for
 * `element.click()`): the content script, which acts only on the user's events
 * (content-scripts/lib/user-events.ts), takes the unit tests' events as the user's. A test that
 * checks a page's synthetic events are refused turns this off for itself.
 */
import { acceptSyntheticEvents } from '../../content-scripts/lib/user-events';

acceptSyntheticEvents(true);
