import ipaddr from 'ipaddr.js';

/** Whether an IP literal is an ordinary public unicast address (not loopback, private, CGNAT, link-local, metadata, reserved…). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  // an allow-list: every special range ipaddr.js knows (NAT64, 6to4, Teredo, documentation…) is refused
  return parsed.range() === 'unicast';
}

/** An IP literal from a URL host (`[::1]` → `::1`), or null for a name. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

export const familyOf = (address: string): 4 | 6 => (ipaddr.parse(address).kind() === 'ipv6' ? 6 : 4);
