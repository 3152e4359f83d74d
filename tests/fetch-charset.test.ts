import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody, fetchUrl } from '../src/fetch/index.js';
import { startServer, type TestServer } from './fetch-server.js';

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const phrase = 'Café résumé «naïve» – 20°C';

describe('charset', () => {
  it('reads the header charset (windows-1252, ISO-8859-1)', () => {
    expect(decodeBody(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x78, 0x94]), 'windows-1252')).toMatchObject({ text: 'Café “x”', charset: 'windows-1252' });
    expect(decodeBody(latin1('Café'), 'ISO-8859-1')).toMatchObject({ text: 'Café', charset: 'windows-1252', note: null });
  });

  it('else the <meta charset>, the http-equiv Content-Type, or the XML declaration', () => {
    expect(decodeBody(latin1(`<html><head><meta charset="iso-8859-1"></head><body>${phrase}</body></html>`.replace('–', '-')), null).text).toContain('Café résumé');
    const equiv = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><p>Café</p>`;
    expect(decodeBody(latin1(equiv), null)).toMatchObject({ charset: 'windows-1252' });
    expect(decodeBody(latin1('<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Café</title></rss>'), null).text).toContain('<title>Café</title>');
  });

  it('defaults to UTF-8 and honours a byte-order mark over everything', () => {
    expect(decodeBody(utf8(phrase), null)).toMatchObject({ text: phrase, charset: 'utf-8', note: null });
    expect(decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('Café')]), 'windows-1252').text).toBe('Café');
    expect(decodeBody(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Café', 'utf16le')]), null).text).toBe('Café');
  });

  it('sees through lying charsets', () => {
    const saysUtf8 = decodeBody(latin1('<p>Café déjà</p>'), 'utf-8');
    expect(saysUtf8).toMatchObject({ text: '<p>Café déjà</p>', charset: 'windows-1252' });
    expect(saysUtf8.note).toMatch(/not valid UTF-8/);
    const saysLatin1 = decodeBody(utf8('<p>Café – déjà</p>'), 'iso-8859-1');
    expect(saysLatin1).toMatchObject({ text: '<p>Café – déjà</p>', charset: 'utf-8' });
    const unknown = decodeBody(utf8('<p>Café</p>'), 'x-klingon');
    expect(unknown).toMatchObject({ text: '<p>Café</p>', charset: 'utf-8' });
    expect(unknown.note).toMatch(/unknown charset/);
    const metaLies = decodeBody(latin1('<meta charset="utf-8"><p>Café</p>'), null);
    expect(metaLies.text).toContain('Café');
  });

  describe('over HTTP', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startServer({
        '/latin1': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' }).end(latin1('<p>Café</p>')),
        '/meta': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(latin1('<meta charset="windows-1252"><p>Caf\xe9 \x93kutip\x94</p>')),
        '/lying': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(latin1('<p>Café</p>')),
      });
    });
    afterAll(() => server.close());

    it('decodes what the server says, or the page says, or what the bytes are', async () => {
      for (const [path, text] of [['/latin1', '<p>Café</p>'], ['/meta', '<meta charset="windows-1252"><p>Café “kutip”</p>'], ['/lying', '<p>Café</p>']] as const) {
        const result = await fetchUrl(server.url(path), { allowPrivate: true });
        expect(result.ok && result.kind === 'fetched' ? result.text : result, path).toBe(text);
      }
    });
  });
});
