// Identity pools from JavaScript: Amplify v6 fetchAuthSession (signIn with SRP, then GetId and
// GetCredentialsForIdentity through `identityPoolEndpoint`) and SDK v3 CognitoIdentityClient.
// Usage: node identity_pool_amplify.mjs '{"scenario": "amplify"|"guest"|"sdk", "url": ..., ...}'
// Prints the identity id and credentials each client obtained; Python checks them against the
// emulator and signs an S3 request with them.

import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';

import { caught, main } from './common.mjs';

const stored = new Map();

function configure(args, allowGuestAccess) {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: args.userPoolId, userPoolClientId: args.clientId, identityPoolId: args.identityPoolId,
        allowGuestAccess, userPoolEndpoint: args.url, identityPoolEndpoint: args.url,
      },
    },
  });
  cognitoUserPoolsTokenProvider.setKeyValueStorage({
    setItem: async (key, value) => { stored.set(key, value); },
    getItem: async (key) => (stored.has(key) ? stored.get(key) : null),
    removeItem: async (key) => { stored.delete(key); },
    clear: async () => { stored.clear(); },
  });
}

function credentialsOf(session) {
  const c = session.credentials;
  return c && {
    accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken,
    expiration: c.expiration?.toISOString(),
  };
}

const scenarios = {
  async amplify(args) {
    configure(args, false);
    const signedIn = await signIn({ username: args.username, password: args.password });
    const session = await fetchAuthSession();
    const again = await fetchAuthSession({ forceRefresh: true });
    return {
      signInStep: signedIn.nextStep.signInStep, identityId: session.identityId, credentials: credentialsOf(session),
      idTokenIss: session.tokens?.idToken?.payload.iss, refreshedIdentityId: again.identityId,
      refreshedAccessKeyId: again.credentials?.accessKeyId,
    };
  },

  async guest(args) {
    configure(args, true);
    const session = await fetchAuthSession();
    return { identityId: session.identityId, credentials: credentialsOf(session) };
  },

  async sdk(args) {
    const client = new CognitoIdentityClient({ endpoint: args.url, region: 'us-east-1', maxAttempts: 1 });
    const logins = { [args.provider]: args.idToken };
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: args.identityPoolId, Logins: logins }));
    const out = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    const refused = await caught(() => client.send(new GetCredentialsForIdentityCommand({ IdentityId })));
    return {
      identityId: IdentityId, accessKeyId: out.Credentials.AccessKeyId,
      expirationIsDate: out.Credentials.Expiration instanceof Date,
      expiration: out.Credentials.Expiration.toISOString(), refused,
    };
  },
};

await main(scenarios);
