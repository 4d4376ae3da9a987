// Shared plumbing for the Node e2e scripts run by tests/e2e/test_node_clients.py.
//
// Each script is called as `node <script>.mjs '<json>'` where the JSON holds at least
// {"scenario": "...", "url": "http://127.0.0.1:<port>", ...}. It prints exactly ONE JSON
// line on stdout with what it observed and exits 0; on an unexpected failure it prints
// {"ok": false, "error": {...}} and exits 1. Expected errors (a wrong password...) are
// observations, recorded with `caught`.

import {
  CognitoIdentityProviderClient,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';

export function params() {
  if (process.argv.length < 3) throw new Error('usage: node <script>.mjs \'{"scenario": ..., "url": ...}\'');
  return JSON.parse(process.argv[2]);
}

export function describeError(error) {
  if (error === null || error === undefined) return { name: String(error) };
  return {
    name: error.name,
    class: error.constructor?.name,
    code: error.code,
    message: error.message,
    status: error.$metadata?.httpStatusCode ?? error.statusCode,
  };
}

// Run `fn` and return its error as an observation; a success is itself an observation.
export async function caught(fn) {
  try {
    const value = await fn();
    return { succeeded: true, value };
  } catch (error) {
    return { succeeded: false, ...describeError(error) };
  }
}

// Decode a JWT payload without verifying it (the Python side verifies against JWKS).
export function jwtPayload(token) {
  const part = token.split('.')[1];
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

export function inMemoryStorage() {
  const data = new Map();
  return {
    setItem: (key, value) => { data.set(key, String(value)); },
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    removeItem: (key) => { data.delete(key); },
    clear: () => { data.clear(); return {}; },
  };
}

export function sdkClient(url) {
  return new CognitoIdentityProviderClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

// Independent checks through SDK v3, used after a JS client signed out.
export async function sdkGetUser(url, accessToken) {
  return caught(async () => {
    const out = await sdkClient(url).send(new GetUserCommand({ AccessToken: accessToken }));
    return { username: out.Username };
  });
}

export async function sdkRefresh(url, clientId, refreshToken) {
  return caught(async () => {
    const out = await sdkClient(url).send(new InitiateAuthCommand({
      ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken },
    }));
    return { hasAccessToken: Boolean(out.AuthenticationResult?.AccessToken) };
  });
}

// Every email/SMS the emulator "sent", newest last.
export async function outbox(url, query) {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined));
  const response = await fetch(`${url}/_emulator/messages?${search}`);
  if (!response.ok) throw new Error(`GET /_emulator/messages: HTTP ${response.status}`);
  return (await response.json()).messages;
}

// Run the scenario named in the parameters and print its one JSON line.
export async function main(scenarios) {
  let args;
  try {
    args = params();
    const scenario = scenarios[args.scenario];
    if (!scenario) throw new Error(`unknown scenario ${JSON.stringify(args.scenario)}; known: ${Object.keys(scenarios)}`);
    const observed = await scenario(args);
    process.stdout.write(JSON.stringify({ ok: true, scenario: args.scenario, ...observed }) + '\n');
    process.exit(0);
  } catch (error) {
    process.stdout.write(JSON.stringify({
      ok: false, scenario: args?.scenario, error: { ...describeError(error), stack: error?.stack },
    }) + '\n');
    process.exit(1);
  }
}
