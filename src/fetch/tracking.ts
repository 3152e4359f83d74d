// campaign, click and share trackers: none of them changes which article a URL names
const trackingNames = /^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_[ce]id|igshid|_ga|_gl|_hs(?:enc|mi)|mkt_tok|oly_(?:anon|enc)_id|vero_(?:conv|id)|ref_?src|ref_url|cmpid|s_cid|at_(?:medium|campaign|custom\d|source)|wt_mc|ito|icid|spm|share|rss|from|xtor|tracking_?id|source|medium|campaign|_branch_match_id|page_?from|amp)$/i;

/** The URL without tracking parameters or fragment; other query parameters (an article id) are kept in order. */
export function withoutTracking(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return input;
  }
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (trackingNames.test(name)) url.searchParams.delete(name);
  url.search = url.searchParams.size === 0 ? '' : url.searchParams.toString();
  return url.href;
}
