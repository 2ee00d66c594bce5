/**
 * URLs and domains as the rules see them. The WHATWG URL parser already lower-cases the host, applies
 * IDNA (`bücher.de` -> `xn--bcher-kva.de`), percent-decodes it and canonicalises IPv4 (`0x7f.1` ->
 * `127.0.0.1`); here the trailing dot goes, and the path gets its variants: as sent, percent-decoded (up
 * to three times, for double encoding), and decoded with `.`/`..` segments resolved. Patterns get the
 * same treatment (domainToASCII per label) so `*.bücher.de` matches what the parser produces.
 */
import { domainToASCII } from 'node:url';
import * as posix from 'node:path/posix';
import picomatch from 'picomatch';
import { CortexError } from '../errors';

export interface NormalizedUrl {
  href: string;
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Path variants without the leading `/`. */
  paths: string[];
  hasCredentials: boolean;
}

function decodeFully(text: string): string {
  let current = text;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      // Malformed escapes (`%zz`) stay as written: the server sees them as written too.
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

export function normalizeUrl(text: string): NormalizedUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CortexError('INVALID_ARGS', `not a valid absolute URL: ${text}`);
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') throw new CortexError('INVALID_ARGS', `only http and https URLs can be fetched, not ${scheme}:`);
  const host = url.hostname.replace(/\.$/, '');
  const port = url.port === '' ? (scheme === 'https' ? 443 : 80) : Number(url.port);
  const raw = url.pathname.replace(/^\//, '');
  const decoded = decodeFully(raw);
  const resolved = posix.normalize(`/${decoded}`).replace(/^\/+/, '');
  const paths = [...new Set([raw, decoded, resolved])];
  return { href: url.href, scheme, host, port, paths, hasCredentials: url.username !== '' || url.password !== '' };
}

export interface UrlPattern {
  schemes: readonly string[];
  /** Host labels in ASCII; a leading `*` matches one or more labels. */
  host: string[];
  port?: number;
  /** Path glob without the leading `/`; absent matches every path. */
  path?: string;
}

/** The whole host goes through domainToASCII (labels alone would be misread: `127` is an IPv4 number). */
function hostLabels(host: string): string[] {
  const text = host.toLowerCase().replace(/\.$/, '');
  if (text === '*' || text === '**') return ['*'];
  const wildcard = /^\*{1,2}\./.test(text);
  const rest = wildcard ? text.slice(text.indexOf('.') + 1) : text;
  const ascii = domainToASCII(rest) || rest;
  return wildcard ? ['*', ...ascii.split('.')] : ascii.split('.');
}

export function parseUrlPattern(pattern: string): UrlPattern {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(pattern);
  if (!scheme) return { schemes: ['http', 'https'], host: hostLabels(pattern) };
  const rest = scheme[2];
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const pathText = slash < 0 ? '' : rest.slice(slash + 1);
  const portMatch = /:(\d+)$/.exec(authority);
  const host = portMatch ? authority.slice(0, portMatch.index) : authority;
  return {
    schemes: [scheme[1].toLowerCase()],
    host: hostLabels(host),
    ...(portMatch ? { port: Number(portMatch[1]) } : {}),
    ...(pathText === '' ? {} : { path: pathText }),
  };
}

function hostMatches(pattern: string[], host: string): boolean {
  if (pattern.length === 1 && pattern[0] === '*') return true;
  const labels = host.split('.');
  if (pattern[0] === '*') {
    const suffix = pattern.slice(1);
    return labels.length > suffix.length && suffix.every((label, i) => labels[labels.length - suffix.length + i] === label);
  }
  return labels.length === pattern.length && pattern.every((label, i) => labels[i] === label);
}

/** Whether `url` matches `pattern` for one path variant. */
export function urlMatches(pattern: UrlPattern, url: NormalizedUrl, path: string, nocase: boolean): boolean {
  if (!pattern.schemes.includes(url.scheme)) return false;
  if (!hostMatches(pattern.host, url.host)) return false;
  // A pattern without a port means the scheme's usual port; only the catch-all `*` spans every port.
  const defaultPort = url.scheme === 'https' ? 443 : 80;
  const anyHost = pattern.host.length === 1 && pattern.host[0] === '*';
  if (pattern.port !== undefined ? pattern.port !== url.port : !anyHost && url.port !== defaultPort) return false;
  if (pattern.path === undefined) return true;
  return picomatch.isMatch(path, pattern.path, { dot: true, nocase });
}
