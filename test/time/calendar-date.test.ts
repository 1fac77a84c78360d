import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, isIsoDateWithin } from '../../src/time/calendar-date.js';
import { mulberry32 } from '../../src/random/prng.js';

describe('isIsoDate', () => {
  it.each(['2025-02-28', '2024-02-29', '2000-02-29', '2025-12-31', '2025-04-30'])('accepts %s', (d) => {
    expect(isIsoDate(d)).toBe(true);
  });
  it.each(['2025-02-30', '2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-01', '20250101', ''])(
    'rejects %j',
    (d) => {
      expect(isIsoDate(d)).toBe(false);
    },
  );
});

describe('isIsoDate, checked by char codes', () => {
  /** The rule as it was written with a regular expression: the char-code check must agree with it on every input. */
  function byRegex(text: string): boolean {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12 || day < 1) return false;
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return day <= (month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
  }

  it.each(['0000-02-29', '9999-12-31', '2025-01-0a', '2025/01/01', '2025-01-01\n', ' 2025-01-01', '２０２５-01-01', '٢٠٢٥-01-01', '2025-001-1', '2025-1-010'])(
    'agrees with the regular expression on %j',
    (text) => {
      expect(isIsoDate(text)).toBe(byRegex(text));
    },
  );

  it('agrees with the regular expression on 20,000 random near-dates', () => {
    const random = mulberry32(2026);
    const alphabet = '0123456789-0123456789/ x';
    const pick = (): string => alphabet[Math.floor(random() * alphabet.length)] as string;
    for (let i = 0; i < 20_000; i++) {
      // Mostly well-shaped dates with real-looking numbers, some with one character swapped.
      const y = String(Math.floor(random() * 10_000)).padStart(4, '0');
      const m = String(Math.floor(random() * 14)).padStart(2, '0');
      const d = String(Math.floor(random() * 33)).padStart(2, '0');
      let text = `${y}-${m}-${d}`;
      if (random() < 0.3) {
        const at = Math.floor(random() * 11);
        text = text.slice(0, at) + pick() + text.slice(at + 1);
      }
      expect(isIsoDate(text), text).toBe(byRegex(text));
    }
  });

  it('checks a date inside a longer text without slicing it', () => {
    const row = 'x2024-02-29,2025-02-29';
    expect(isIsoDateWithin(row, 1, 11)).toBe(true);
    expect(isIsoDateWithin(row, 12, 22)).toBe(false);
    expect(isIsoDateWithin(row, 1, 12)).toBe(false);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-09', 1, '2025-03-10'],
  ])('%s + %i = %s', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
  });
  it('throws on an impossible date rather than rolling it into the next month', () => {
    expect(() => addDays('2025-02-30', 0)).toThrow(RangeError);
  });
});
