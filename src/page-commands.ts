/**
 * Commands the popup sends to the content script of the active tab (browser.tabs.sendMessage;
 * no permission needed for a tab id). Validated on arrival like every other message.
 */
export const ORDER_COMMAND = 'orderByRelevance';

/** Order the tab's listing by relevance (on: true), by the site (false), or just say which (undefined). */
export interface OrderCommand {
  type: typeof ORDER_COMMAND;
  on?: boolean;
}

export function isOrderCommand(message: unknown): message is OrderCommand {
  if (typeof message !== 'object' || message === null) return false;
  const { type, on, ...rest } = message as Record<string, unknown>;
  return type === ORDER_COMMAND && (on === undefined || typeof on === 'boolean') && Object.keys(rest).length === 0;
}
