/**
 * A minimal RFC 4180 reader for tests: quoted fields may hold commas, quotes ("") and line breaks.
 * Strict on purpose: a file that does not end with a complete record (a torn row) throws.
 */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      const end = closingQuote(text, i + 1);
      field = text.slice(i + 1, end).replaceAll('""', '"');
      i = end + 1;
      if (i < text.length && text[i] !== ',' && text[i] !== '\n' && !text.startsWith('\r\n', i)) {
        throw new Error(`unexpected character after a quoted field at offset ${i}`);
      }
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\n' || text.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += ch === '\n' ? 1 : 2;
    } else {
      field += ch;
      i++;
    }
  }
  if (record.length > 0 || field !== '') throw new Error('the last record is not terminated by a line break');
  return records;
}

function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (text[i + 1] === '"') i++;
    else return i;
  }
  throw new Error(`unterminated quoted field starting at offset ${from - 1}`);
}
