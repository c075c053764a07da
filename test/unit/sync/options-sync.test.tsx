// @vitest-environment jsdom
/** The options page's sync section: the switch saves at once, and the status reads as a sentence. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { describeSyncStatus, SyncSettings } from '../../../options/SyncSettings';
import { parseSyncSettings, parseSyncStatus, SYNC_OFF, type SyncStatus } from '../../../src/sync/settings';
import { renderTarget } from '../../support/render-target';

const container = renderTarget();

const synced: SyncStatus = { ...SYNC_OFF, enabled: true, lastSyncAt: Date.UTC(2026, 10, 29, 12), marks: 4_812, bytes: 63_800, interests: 'synced' };

describe('sync settings', () => {
  it('off by default; what is stored is parsed defensively', () => {
    for (const junk of [undefined, null, 'on', { enabled: 'yes' }]) expect(parseSyncSettings(junk)).toEqual({ enabled: false });
    expect(parseSyncSettings({ enabled: true })).toEqual({ enabled: true });
    expect(parseSyncStatus({ enabled: true, marks: 'many', bytes: Infinity, error: 5 })).toEqual({ ...SYNC_OFF, enabled: true });
  });

  it('says what was synced, what stayed local and why', () => {
    expect(describeSyncStatus(SYNC_OFF)).toBe('Sync is off: marks and interests stay on this device.');
    expect(describeSyncStatus({ ...synced, lastSyncAt: null })).toBe('Syncing…');
    expect(describeSyncStatus(synced)).toMatch(/^Synced .*: 4,812 marks and your interests, 62\.3 KB of 100\.0 KB\.$/);
    expect(describeSyncStatus({ ...synced, leftOut: 310, interests: 'too large', invalid: 2 })).toMatch(
      /310 older marks stay on this device only: the browser's sync storage is full\. Your interests are too large .* 2 unreadable entries/,
    );
    expect(describeSyncStatus({ ...synced, error: 'QUOTA_BYTES quota exceeded' })).toBe('Not synced: QUOTA_BYTES quota exceeded.');
  });

  it('the switch saves at once, and a new status shows as it arrives', async () => {
    const saved: unknown[] = [];
    let push: (status: SyncStatus) => void = () => {};
    await act(async () => {
      render(
        <SyncSettings
          api={{
            load: async () => ({ settings: { enabled: false }, status: SYNC_OFF }),
            save: async (settings) => void saved.push(settings),
            watch: (onStatus) => ((push = onStatus), () => {}),
          }}
        />,
        container,
      );
    });
    await act(async () => {});
    const box = container.querySelector<HTMLInputElement>('[data-paper-radar-setting="sync"]')!;
    expect(container.querySelector('[data-paper-radar-sync-status]')!.textContent).toContain('Sync is off');
    await act(async () => box.click());
    expect(saved).toEqual([{ enabled: true }]);
    // Until the worker's first pass writes a status, the stored one still says off.
    expect(container.querySelector('[data-paper-radar-sync-status]')!.textContent).toBe('Syncing…');
    await act(async () => push(synced));
    expect(container.querySelector('[data-paper-radar-sync-status]')!.textContent).toContain('4,812 marks');
    await act(async () => box.click());
    expect(container.querySelector('[data-paper-radar-sync-status]')!.textContent).toContain('Sync is off');
  });

  it('a switch the worker did not store goes back, with the reason; the reason goes once a later save succeeds', async () => {
    let failures = 1;
    await act(async () => {
      render(
        <SyncSettings
          api={{
            load: async () => ({ settings: { enabled: false }, status: SYNC_OFF }),
            save: async () => {
              if (failures-- > 0) throw new Error('the worker could not be reached');
            },
            watch: () => () => {},
          }}
        />,
        container,
      );
    });
    await act(async () => {});
    const box = container.querySelector<HTMLInputElement>('[data-paper-radar-setting="sync"]')!;
    const alert = () => container.querySelector('.sync-settings [role="alert"]')?.textContent ?? null;
    await act(async () => box.click());
    await act(async () => {});
    expect(box.checked).toBe(false);
    expect(container.querySelector('[data-paper-radar-sync-status]')!.textContent).toContain('Sync is off');
    expect(alert()).toBe('Could not save the sync setting: the worker could not be reached');
    await act(async () => box.click());
    await act(async () => {});
    expect(box.checked).toBe(true);
    expect(alert()).toBeNull();
  });

  it('shows the switch as turned in another options tab', async () => {
    let turn: (settings: { enabled: boolean }) => void = () => {};
    await act(async () => {
      render(
        <SyncSettings
          api={{
            load: async () => ({ settings: { enabled: false }, status: SYNC_OFF }),
            save: async () => {},
            watch: (_onStatus, onSettings) => ((turn = onSettings), () => {}),
          }}
        />,
        container,
      );
    });
    await act(async () => {});
    const box = container.querySelector<HTMLInputElement>('[data-paper-radar-setting="sync"]')!;
    const status = () => container.querySelector('[data-paper-radar-sync-status]')!.textContent;
    await act(async () => box.click());
    expect(status()).toBe('Syncing…');
    // Turned off in the other tab before the worker's first pass: this one says so, not "Syncing…" for ever.
    await act(async () => turn({ enabled: false }));
    expect(box.checked).toBe(false);
    expect(status()).toContain('Sync is off');
    await act(async () => turn({ enabled: true }));
    expect(box.checked).toBe(true);
    expect(status()).toBe('Syncing…');
  });
});
