// aws-jwt-verify against the emulator's tokens and JWKS, as a backend would verify them.
// Usage: node jwt_verify_flows.mjs '{"scenario": "...", "url": ..., "userPoolId": ..., "clientId": ...,
//   "idToken": ..., "accessToken": ..., "issuer": ...}'
// aws-jwt-verify fetches JWKS over https only, so the JWKS is read here and preloaded with cacheJwks.

import { CognitoJwtVerifier, JwtRsaVerifier } from 'aws-jwt-verify';

import { caught, main } from './common.mjs';

async function jwks(args) {
  const response = await fetch(`${args.url}/${args.userPoolId}/.well-known/jwks.json`);
  if (!response.ok) throw new Error(`JWKS: HTTP ${response.status}`);
  return response.json();
}

function tampered(token) {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  claims['cognito:username'] = 'someone-else';
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

async function verifyAll(makeVerifier, args) {
  const keys = await jwks(args);
  const verifier = (tokenUse, clientId = args.clientId) => {
    const made = makeVerifier(tokenUse, clientId);
    made.cacheJwks(keys);
    return made;
  };
  const summary = (payload) => ({ tokenUse: payload.token_use, username: payload['cognito:username'] ?? payload.username });
  return {
    kids: keys.keys.map((key) => key.kid),
    id: await caught(async () => summary(await verifier('id').verify(args.idToken))),
    access: await caught(async () => summary(await verifier('access').verify(args.accessToken))),
    idAsAccess: await caught(() => verifier('access').verify(args.idToken)),
    otherClient: await caught(() => verifier('id', 'someotherclient0000000000').verify(args.idToken)),
    tamperedId: await caught(() => verifier('id').verify(tampered(args.idToken))),
  };
}

const scenarios = {
  // Emulator in its default "local" issuer mode: iss is the emulator's URL + pool id.
  async rsa_verifier(args) {
    return verifyAll((tokenUse, clientId) => JwtRsaVerifier.create({
      issuer: args.issuer,
      audience: tokenUse === 'id' ? clientId : null,
      jwksUri: `${args.url}/${args.userPoolId}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== tokenUse) throw new Error(`token_use is ${payload.token_use}, expected ${tokenUse}`);
        if (tokenUse === 'access' && payload.client_id !== clientId) throw new Error('client_id mismatch');
      },
    }), args);
  },

  // Emulator in "aws" issuer mode: CognitoJwtVerifier, which hard-codes the AWS issuer.
  async cognito_verifier(args) {
    return verifyAll((tokenUse, clientId) => CognitoJwtVerifier.create({
      userPoolId: args.userPoolId, tokenUse, clientId,
    }), args);
  },
};

await main(scenarios);
