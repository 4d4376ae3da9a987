// aws-amplify v6 (Auth category) against the emulator through `userPoolEndpoint`.
// Usage: node amplify_flows.mjs '{"scenario": "...", "url": ..., "userPoolId": ..., "clientId": ..., ...}'
// Amplify logs a warning about the custom endpoint on stderr; that is expected.

import {
  confirmSignIn, confirmSignUp, fetchAuthSession, fetchUserAttributes, getCurrentUser, signIn, signOut, signUp,
} from 'aws-amplify/auth';

import { caught, main, outbox, sdkGetUser, sdkRefresh } from './common.mjs';
import { configure, stored } from './amplify_setup.mjs';


function sessionTokens(session) {
  const { tokens } = session;
  if (!tokens) return null;
  return {
    idToken: tokens.idToken?.toString(),
    accessToken: tokens.accessToken.toString(),
    idPayload: tokens.idToken?.payload,
    accessPayload: tokens.accessToken.payload,
  };
}

// fetchAuthSession does not expose the refresh token; read it where Amplify keeps it
// (`CognitoIdentityServiceProvider.<clientId>.<username>.refreshToken`).
function storedRefreshToken(args) {
  const prefix = `CognitoIdentityServiceProvider.${args.clientId}.`;
  const keys = [...stored.keys()].filter((key) => key.startsWith(prefix) && key.endsWith('.refreshToken'));
  if (keys.length !== 1) throw new Error(`expected one stored refresh token, found keys ${[...stored.keys()]}`);
  return stored.get(keys[0]);
}

const scenarios = {
  // signUp -> code from the emulator's outbox -> confirmSignUp -> signIn (SRP) -> sessions ->
  // forced refresh (GetTokensFromRefreshToken) -> getCurrentUser -> signOut (RevokeToken).
  async lifecycle(args) {
    configure(args);
    const started = Date.now() / 1000;
    const signedUp = await signUp({
      username: args.username, password: args.password, options: { userAttributes: { email: args.email } },
    });

    // In an email-username pool the outbox names the user by its internal username, so find
    // the SIGN_UP message by pool and destination, newest last.
    const messages = (await outbox(args.url, { userPoolId: args.userPoolId }))
      .filter((m) => m.purpose === 'SIGN_UP' && m.destination === args.email && m.time >= started - 5);
    if (messages.length === 0) throw new Error(`no SIGN_UP message for ${args.email} in the outbox`);
    const code = messages[messages.length - 1].code;
    const confirmed = await confirmSignUp({ username: args.username, confirmationCode: code });

    const signedIn = await signIn({ username: args.username, password: args.password });
    const first = sessionTokens(await fetchAuthSession());
    const refreshToken = storedRefreshToken(args);
    const current = await getCurrentUser();

    const refreshed = sessionTokens(await fetchAuthSession({ forceRefresh: true }));
    const refreshTokenAfterRefresh = storedRefreshToken(args);
    const cached = sessionTokens(await fetchAuthSession());

    await signOut();
    const afterSignOut = {
      session: sessionTokens(await fetchAuthSession()),
      getCurrentUser: await caught(() => getCurrentUser()),
      sdkRefresh: await sdkRefresh(args.url, args.clientId, refreshToken),
      sdkGetUser: await sdkGetUser(args.url, refreshed.accessToken),
    };

    return {
      signUp: {
        isSignUpComplete: signedUp.isSignUpComplete,
        userId: signedUp.userId,
        nextStep: signedUp.nextStep,
      },
      outboxCode: code,
      confirmSignUp: { isSignUpComplete: confirmed.isSignUpComplete, nextStep: confirmed.nextStep },
      signIn: { isSignedIn: signedIn.isSignedIn, nextStep: signedIn.nextStep },
      session: first,
      refreshToken,
      currentUser: { username: current.username, userId: current.userId, signInDetails: current.signInDetails },
      refreshed,
      refreshTokenAfterRefresh,
      cached,
      afterSignOut,
    };
  },

  // signIn with USER_PASSWORD_AUTH instead of SRP, then fetchUserAttributes (GetUser).
  async password_flow(args) {
    configure(args);
    const signedIn = await signIn({
      username: args.username, password: args.password, options: { authFlowType: 'USER_PASSWORD_AUTH' },
    });
    const session = sessionTokens(await fetchAuthSession());
    return {
      signIn: { isSignedIn: signedIn.isSignedIn, nextStep: signedIn.nextStep },
      session,
      userAttributes: await fetchUserAttributes(),
    };
  },

  // AdminCreateUser's temporary password: NEW_PASSWORD_REQUIRED -> confirmSignIn with the new one.
  async new_password(args) {
    configure(args);
    const challenged = await signIn({ username: args.username, password: args.temporaryPassword });
    const confirmed = await confirmSignIn({ challengeResponse: args.newPassword });
    return {
      signIn: { isSignedIn: challenged.isSignedIn, nextStep: challenged.nextStep },
      confirmSignIn: { isSignedIn: confirmed.isSignedIn, nextStep: confirmed.nextStep },
      session: sessionTokens(await fetchAuthSession()),
    };
  },

  async wrong_password(args) {
    configure(args);
    return { signIn: await caught(() => signIn({ username: args.username, password: args.password })) };
  },
};

await main(scenarios);
