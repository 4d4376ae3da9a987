// CUSTOM_AUTH (passwordless email code through the custom-auth triggers) with
// amazon-cognito-identity-js and Amplify v6 against the emulator.
// Usage: node custom_auth_flows.mjs '{"scenario": "...", "url": ..., "userPoolId": ..., "clientId": ...,
//                                     "username": ..., "codeFile": ..., "password"?: ...}'
// The CreateAuthChallenge function writes the code it "emails" to codeFile; the script reads it
// when the challenge arrives, as a user reads their mail.

import { readFileSync } from 'node:fs';

import acij from 'amazon-cognito-identity-js';
import { confirmSignIn, fetchAuthSession, signIn } from 'aws-amplify/auth';

import { caught, inMemoryStorage, jwtPayload, main } from './common.mjs';
import { configure } from './amplify_setup.mjs';

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = acij;

const code = (args) => readFileSync(args.codeFile, 'utf8').trim();

function acijUser(args) {
  const pool = new CognitoUserPool({
    UserPoolId: args.userPoolId, ClientId: args.clientId, endpoint: `${args.url}/`, Storage: inMemoryStorage(),
  });
  return new CognitoUser({ Username: args.username, Pool: pool, Storage: pool.storage });
}

// Callbacks for initiateAuth / authenticateUser / sendCustomChallengeAnswer as one promise.
function callbacks(resolve, reject) {
  return {
    onSuccess: (session) => resolve({ kind: 'success', session }),
    onFailure: (error) => reject(error),
    customChallenge: (parameters) => resolve({ kind: 'customChallenge', parameters }),
  };
}

function answer(cognitoUser, value) {
  return new Promise((resolve, reject) => cognitoUser.sendCustomChallengeAnswer(value, callbacks(resolve, reject)));
}

const scenarios = {
  // initiateAuth CUSTOM_AUTH -> customChallenge -> wrong answer -> customChallenge again -> right answer.
  async acij_passwordless(args) {
    const cognitoUser = acijUser(args);
    cognitoUser.setAuthenticationFlowType('CUSTOM_AUTH');
    const details = new AuthenticationDetails({ Username: args.username });
    const first = await new Promise((resolve, reject) => cognitoUser.initiateAuth(details, callbacks(resolve, reject)));
    if (first.kind !== 'customChallenge') throw new Error(`expected customChallenge, got ${first.kind}`);
    const retry = await answer(cognitoUser, 'wrong-answer');
    const done = await answer(cognitoUser, code(args));
    if (done.kind !== 'success') throw new Error(`expected success, got ${done.kind}`);
    return {
      challengeParameters: first.parameters,
      retryKind: retry.kind,
      idPayload: jwtPayload(done.session.getIdToken().getJwtToken()),
      valid: done.session.isValid(),
    };
  },

  // authenticateUser with CUSTOM_AUTH: acij sends CHALLENGE_NAME SRP_A, answers PASSWORD_VERIFIER, then the code.
  async acij_srp_first(args) {
    const cognitoUser = acijUser(args);
    cognitoUser.setAuthenticationFlowType('CUSTOM_AUTH');
    const details = new AuthenticationDetails({ Username: args.username, Password: args.password });
    const first = await new Promise((resolve, reject) => cognitoUser.authenticateUser(details, callbacks(resolve, reject)));
    if (first.kind !== 'customChallenge') throw new Error(`expected customChallenge, got ${first.kind}`);
    const done = await answer(cognitoUser, code(args));
    return { kind: done.kind, idPayload: jwtPayload(done.session.getIdToken().getJwtToken()) };
  },

  // signIn CUSTOM_WITHOUT_SRP -> CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE -> wrong, then right code.
  async amplify_without_srp(args) {
    configure(args);
    const started = await signIn({ username: args.username, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    const wrong = await confirmSignIn({ challengeResponse: 'wrong-answer' });
    const done = await confirmSignIn({ challengeResponse: code(args) });
    const session = await fetchAuthSession();
    return {
      startedStep: started.nextStep, wrongStep: wrong.nextStep, done,
      idPayload: session.tokens?.idToken?.payload,
    };
  },

  // signIn CUSTOM_WITH_SRP: password first (SRP), then the code.
  async amplify_with_srp(args) {
    configure(args);
    const started = await signIn({
      username: args.username, password: args.password, options: { authFlowType: 'CUSTOM_WITH_SRP' },
    });
    const done = await confirmSignIn({ challengeResponse: code(args) });
    const session = await fetchAuthSession();
    return { startedStep: started.nextStep, done, idPayload: session.tokens?.idToken?.payload };
  },

  // Three wrong codes: Define fails the sign-in, Amplify surfaces AWS's error.
  async amplify_fails(args) {
    configure(args);
    await signIn({ username: args.username, options: { authFlowType: 'CUSTOM_WITHOUT_SRP' } });
    await confirmSignIn({ challengeResponse: 'wrong-1' });
    await confirmSignIn({ challengeResponse: 'wrong-2' });
    return { third: await caught(() => confirmSignIn({ challengeResponse: 'wrong-3' })) };
  },
};

await main(scenarios);
