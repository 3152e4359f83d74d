/** Why a URL is refused before any connection is made, or null when it may be fetched. */
export type UrlRefusal = 'invalid-url' | 'unsupported-scheme' | 'credentials-in-url';

export function checkUrl(input: string | URL): { url: URL } | { refusal: UrlRefusal; message: string } {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return { refusal: 'invalid-url', message: `not a URL: ${String(input).slice(0, 200)}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { refusal: 'unsupported-scheme', message: `only http and https URLs are fetched, not ${url.protocol}` };
  }
  if (url.username !== '' || url.password !== '') {
    return { refusal: 'credentials-in-url', message: 'URLs with a user name or password in them are not fetched' };
  }
  if (url.hostname === '') return { refusal: 'invalid-url', message: 'the URL names no host' };
  return { url };
}

/** The URL without any user name or password, safe to log and show. */
export function withoutCredentials(input: string): string {
  try {
    const url = new URL(input);
    if (url.username === '' && url.password === '') return input;
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return input.replace(/\/\/[^/@\s]*@/, '//');
  }
}
