// Amplify v6 pointed at the emulator's user pool, with its token storage in memory (what
// localStorage holds in a browser). Shared by the Amplify scenario scripts.

import { Amplify } from 'aws-amplify';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';

// Everything Amplify stored, for scenarios that inspect it.
export const stored = new Map();

export function configure(args) {
  Amplify.configure({
    Auth: { Cognito: { userPoolId: args.userPoolId, userPoolClientId: args.clientId, userPoolEndpoint: args.url } },
  });
  cognitoUserPoolsTokenProvider.setKeyValueStorage({
    setItem: async (key, value) => { stored.set(key, value); },
    getItem: async (key) => (stored.has(key) ? stored.get(key) : null),
    removeItem: async (key) => { stored.delete(key); },
    clear: async () => { stored.clear(); },
  });
}
