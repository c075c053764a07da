import { describe, expect, it } from 'vitest';
import { fromDateInput, toDateInput } from '../../popup/Filters';

describe('the library\'s date filters (From / To)', () => {
  it('read a day as the input writes it: local midnight, shown back as written', () => {
    const time = fromDateInput('2026-05-01')!;
    const day = new Date(time);
    expect([day.getFullYear(), day.getMonth(), day.getDate(), day.getHours(), day.getMinutes()]).toEqual([2026, 4, 1, 0, 0]);
    expect(toDateInput(time)).toBe('2026-05-01');
  });

  it('keep the year as typed, digit by digit: 0002, 0020, 0202, 2026 (not 1902)', () => {
    for (const typed of ['0002-05-01', '0020-05-01', '0202-05-01', '2026-05-01']) {
      const time = fromDateInput(typed);
      expect(new Date(time!).getFullYear()).toBe(Number(typed.slice(0, 4)));
      expect(toDateInput(time)).toBe(typed); // what the input is given back is what it holds
    }
  });

  it('take nothing from an empty or partial input', () => {
    expect(fromDateInput('')).toBeNull();
    expect(fromDateInput('2026-05')).toBeNull();
    expect(toDateInput(null)).toBe('');
  });
});
