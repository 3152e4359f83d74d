import { describe, expect, it } from 'vitest';
import { parseOpml } from '../src/feeds/index.js';

const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Langganan</title></head><body>
<outline text="Nasional">
  <outline type="rss" text="Antara Terkini" title="Antara Terkini" xmlUrl="https://www.antaranews.com/rss/terkini.xml" htmlUrl="https://www.antaranews.com/"/>
  <outline type="rss" text="Tempo Nasional" xmlUrl="https://rss.tempo.co/nasional"/>
</outline>
<outline type="rss" text="Kompas" xmlUrl="https://www.kompas.com/rss"/>
<outline type="rss" text="Kompas lagi" xmlUrl="https://www.kompas.com/rss"/>
<outline type="rss" text="Rahasia" xmlUrl="https://user:pw@secret.example/rss"/>
<outline type="rss" text="FTP" xmlUrl="ftp://files.example/rss"/>
<outline text="Kosong"/>
</body></opml>`;

describe('OPML import', () => {
  it('lists the feeds with their folder, once each, and reports the outlines it refuses', () => {
    const result = parseOpml(opml);
    if (!result.ok) throw new Error(result.message);
    expect(result.feeds).toEqual([
      { url: 'https://www.antaranews.com/rss/terkini.xml', title: 'Antara Terkini', siteUrl: 'https://www.antaranews.com/', category: 'Nasional' },
      { url: 'https://rss.tempo.co/nasional', title: 'Tempo Nasional', siteUrl: null, category: 'Nasional' },
      { url: 'https://www.kompas.com/rss', title: 'Kompas', siteUrl: null, category: null },
    ]);
    expect(result.problems).toHaveLength(2);
    expect(result.problems.join('\n')).toMatch(/user name or password/);
    expect(result.problems.join('\n')).not.toContain('pw@');
    expect(result.problems.join('\n')).toMatch(/only http and https/);
  });

  it('answers a file that is not OPML', () => {
    expect(parseOpml('<rss version="2.0"></rss>')).toMatchObject({ ok: false });
    expect(parseOpml('not xml')).toMatchObject({ ok: false });
  });
});
