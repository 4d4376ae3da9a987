// RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) at the emulator's time, for the MFA scenarios.

import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(text) {
  let bits = 0;
  let value = 0;
  const out = [];
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totpAt(secret, seconds) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const digest = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = digest[digest.length - 1] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

export async function emulatorNow(url) {
  const response = await fetch(`${url}/_emulator/clock`);
  if (!response.ok) throw new Error(`GET /_emulator/clock: HTTP ${response.status}`);
  return (await response.json()).now;
}

// The code an authenticator app shows at the emulator's time; stepsAhead = 1 gives the next
// one (inside the tolerance, and not yet used by the enrolment).
export async function totpCode(url, secret, stepsAhead = 0) {
  return totpAt(secret, (await emulatorNow(url)) + stepsAhead * 30);
}

export function wrongCode(code) {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}
