/** Reading the `otpauth://totp/…` enrolment URI (Google Authenticator "Key Uri Format"). */

export interface OtpAuth {
  /** `issuer:login` as the app will list it. */
  readonly account: string;
  /** Base32 key, upper case, without padding. */
  readonly secret: string;
  readonly algorithm: string;
  readonly digits: number;
  readonly period: number;
}

/** The key and its parameters from the URI, or `null` when it is not a TOTP key URI. */
export function parseOtpAuth(uri: string): OtpAuth | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (url.protocol !== 'otpauth:') return null;
  // `otpauth://totp/label`: the type is the host; URL parsers differ on non-special schemes.
  const path = `${url.host}${url.pathname}`.replace(/^\/+/, '');
  if (!path.toLowerCase().startsWith('totp/')) return null;
  const secret = (url.searchParams.get('secret') ?? '').replace(/[\s=]/g, '').toUpperCase();
  if (!/^[A-Z2-7]{16,}$/.test(secret)) return null;
  const digits = Number(url.searchParams.get('digits') ?? '6');
  const period = Number(url.searchParams.get('period') ?? '30');
  if (!Number.isInteger(digits) || digits < 6 || digits > 8 || !Number.isInteger(period) || period < 1) return null;
  let account: string;
  try {
    account = decodeURIComponent(path.slice('totp/'.length));
  } catch {
    return null;
  }
  return { account, secret, algorithm: (url.searchParams.get('algorithm') ?? 'SHA1').toUpperCase(), digits, period };
}

/** The key in groups of four characters, as people copy it by hand. */
export function groupsOfFour(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? '';
}
