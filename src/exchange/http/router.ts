import type { ApiResponse, Handler, Route } from './types.js';
import { methodNotAllowed, notFound } from './errors.js';

export type RouteMatch =
  | { readonly kind: 'found'; readonly handler: Handler; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'miss'; readonly response: ApiResponse };

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
}

/** Matches a raw (still percent-encoded) path segment by segment; `:name` segments capture decoded values. */
export function createRouter(routes: readonly Route[]): (method: string, rawPath: string) => RouteMatch {
  const compiled: CompiledRoute[] = routes.map((route) => ({ route, segments: route.path.split('/').slice(1) }));
  return (method, rawPath) => {
    const parts = rawPath.split('/').slice(1);
    let pathKnown = false;
    for (const { route, segments } of compiled) {
      const params = matchSegments(segments, parts);
      if (!params) continue;
      pathKnown = true;
      if (route.method === method) return { kind: 'found', handler: route.handler, params };
    }
    return { kind: 'miss', response: pathKnown ? methodNotAllowed() : notFound(`route not found: ${method} ${rawPath}`) };
  };
}

function matchSegments(pattern: readonly string[], parts: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] as string;
    const got = parts[i] as string;
    if (want.startsWith(':')) {
      const value = safeDecode(got);
      if (value === undefined || value === '') return undefined;
      params[want.slice(1)] = value;
    } else if (want !== got) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
