import { err, ok, type Result, type Venue } from '../domain/index.js';

const PAPER_HOST = 'paper-api.alpaca.markets';

/**
 * The venue of a trading base URL, from its parsed parts (scheme, host lower-cased without a trailing dot, port,
 * path): a loopback host is the local exchange; Alpaca's paper host over https, on its default port, at its root or
 * /v2, is paper; anything else is live, an unknown proxy included, so it needs both live opt-ins.
 */
export function venueOfTradingUrl(text: string): Result<Venue> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return err([`${JSON.stringify(text)} is not a URL`]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return err([`${JSON.stringify(text)} is not an http(s) URL`]);
  const host = url.hostname.toLowerCase().replace(/\.+$/, '');
  if (isLoopback(host)) return ok('local');
  const paper =
    host === PAPER_HOST &&
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    /^\/(?:v2\/?)?$/.test(url.pathname);
  return ok(paper ? 'paper' : 'live');
}

/** localhost, 127.0.0.0/8 and ::1: hosts that never leave this machine. */
function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}
