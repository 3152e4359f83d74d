import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, isPublicAddress, type FetchResult, type Resolver } from '../src/fetch/index.js';
import { html, startServer, type TestServer } from './fetch-server.js';

const page = '<!doctype html><html><head><title>t</title></head><body><p>Halo dunia</p></body></html>';
let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    '/page': html(page),
    '/to-internal': (_req, res) => res.writeHead(302, { location: `http://internal.example:${server.port}/page` }).end(),
    '/to-metadata': (_req, res) => res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/to-ftp': (_req, res) => res.writeHead(302, { location: 'ftp://example.com/file' }).end(),
    '/to-credentials': (_req, res) => res.writeHead(302, { location: `http://user:secret@127.0.0.1:${server.port}/page` }).end(),
  });
});
afterAll(() => server.close());

const failed = (result: FetchResult) => {
  if (result.ok) throw new Error(`expected a failure, got ${result.kind} for ${result.url}`);
  return result;
};
const fixed = (map: Record<string, string[]>): Resolver => async (host) =>
  (map[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('which addresses are public', () => {
  it('refuses loopback, private, CGNAT, link-local, metadata, unspecified and their IPv6 forms', () => {
    for (const address of [
      '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '100.64.0.1', '169.254.169.254',
      '0.0.0.0', '255.255.255.255', '224.0.0.1', '::1', '::', 'fd00::1', 'fd00:ec2::254', 'fc00::1', 'fe80::1', '::ffff:127.0.0.1',
      '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe', '2002:7f00:1::1', 'not-an-ip',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});

describe('URLs refused before any connection', () => {
  it.each([
    ['ftp://example.com/feed.xml', 'unsupported-scheme'],
    ['file:///etc/passwd', 'unsupported-scheme'],
    ['javascript:alert(1)', 'unsupported-scheme'],
    ['data:text/html,<p>x</p>', 'unsupported-scheme'],
    ['http://user:s3cr3t@example.com/', 'credentials-in-url'],
    ['https://t0k3n@example.com/', 'credentials-in-url'],
    ['not a url', 'invalid-url'],
    ['', 'invalid-url'],
  ])('%s → %s', async (url, reason) => {
    const result = failed(await fetchUrl(url, { resolve: fixed({ 'example.com': ['93.184.215.14'] }) }));
    expect(result.reason).toBe(reason);
    expect(`${result.message} ${result.url}`).not.toMatch(/s3cr3t|t0k3n/);
  });
});

describe('private addresses are refused unless allowed', () => {
  it('refuses IP literals in every spelling, without allowPrivate', async () => {
    for (const url of [
      server.url('/page'), `http://[::1]:${server.port}/page`, 'http://169.254.169.254/latest/meta-data/', 'http://0x7f000001/',
      'http://2130706433/', 'http://127.1/', 'http://0.0.0.0/', 'http://[::ffff:127.0.0.1]/', 'http://[fd00:ec2::254]/', 'http://10.1.2.3/',
    ]) {
      const result = failed(await fetchUrl(url));
      expect(result.reason, url).toBe('blocked-address');
      expect(result.message).toContain('ALLOW_PRIVATE_URLS');
    }
    expect(server.requests.length).toBe(0);
  });

  it('refuses names that RESOLVE (by DNS) to such addresses, with no connection made', async () => {
    const resolve = fixed({
      'loop.example': ['127.0.0.1'], 'lan.example': ['192.168.0.10'], 'cgnat.example': ['100.100.100.200'],
      'meta.example': ['169.254.169.254'], 'ula.example': ['fd00::1'], 'linklocal6.example': ['fe80::1'],
      'mapped.example': ['::ffff:10.0.0.1'], 'mixed.example': ['93.184.215.14', '10.0.0.1'], 'localhost': ['127.0.0.1', '::1'],
    });
    for (const host of ['loop.example', 'lan.example', 'cgnat.example', 'meta.example', 'ula.example', 'linklocal6.example', 'mapped.example', 'mixed.example', 'localhost']) {
      const result = failed(await fetchUrl(`http://${host}/news`, { resolve }));
      expect(result.reason, host).toBe('blocked-address');
    }
    expect(server.requests.length).toBe(0);
  });

  it('refuses a redirect to a private or metadata address, or to a bad URL, checked again at every hop', async () => {
    const onlyLoopbackServer = (address: string) => address === '127.0.0.1';
    const resolve = fixed({ 'internal.example': ['10.0.0.5'] });
    const internal = failed(await fetchUrl(server.url('/to-internal'), { addressAllowed: onlyLoopbackServer, resolve }));
    expect(internal.reason).toBe('blocked-address');
    expect(internal.redirects).toHaveLength(1);
    expect(internal.url).toContain('internal.example');
    const metadata = failed(await fetchUrl(server.url('/to-metadata'), { addressAllowed: onlyLoopbackServer }));
    expect(metadata.reason).toBe('blocked-address');
    expect(failed(await fetchUrl(server.url('/to-ftp'), { allowPrivate: true })).reason).toBe('unsupported-scheme');
    const credentials = failed(await fetchUrl(server.url('/to-credentials'), { allowPrivate: true }));
    expect(credentials.reason).toBe('credentials-in-url');
    expect(credentials.url).not.toContain('secret');
    expect(server.requests.filter((r) => r.path === '/page')).toHaveLength(0);
  });

  it('pins the connection to the checked address: a second DNS answer (rebinding) is never asked for', async () => {
    let calls = 0;
    const rebinding: Resolver = async () => (++calls === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.9.9', family: 4 }]);
    const before = server.requests.length;
    const result = await fetchUrl(server.url('/page', 'rebind.example'), { resolve: rebinding, addressAllowed: (a) => a === '127.0.0.1' });
    expect(result.ok && result.kind === 'fetched' && result.text).toBe(page);
    expect(calls).toBe(1);
    expect(server.requests.slice(before)[0]?.headers.host).toBe(`rebind.example:${server.port}`);
  });

  it('fetches loopback with allowPrivate (ALLOW_PRIVATE_URLS=true, as tests and local mode set it)', async () => {
    const result = await fetchUrl(server.url('/page'), { allowPrivate: true });
    expect(result.ok).toBe(true);
  });
});
