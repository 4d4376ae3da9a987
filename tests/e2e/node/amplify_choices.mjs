// aws-amplify v6 against what AWS documents for failed answers: wrong SMS MFA codes lock the user
// out as wrong passwords do, and USER_AUTH for a user who does not exist (a client with
// PreventUserExistenceErrors ENABLED) answers a decoy challenge whose answer fails as a wrong one.
// Usage: node amplify_choices.mjs '{"scenario": "mfaLockout" | "decoy", "url": ..., "userPoolId": ..., ...}'

import { confirmSignIn, signIn } from 'aws-amplify/auth';

import { caught, main, outbox } from './common.mjs';
import { configure } from './amplify_setup.mjs';

async function lastCode(args) {
  const sent = await outbox(args.url, { userPoolId: args.userPoolId, username: args.username });
  return sent.filter((m) => m.purpose === 'MFA').at(-1).code;
}

function wrong(code) {
  return String((Number(code) + 1) % 1000000).padStart(6, '0');
}

const scenarios = {
  // A sign-in, `wrongCodes` wrong codes (the test has brought the user's failure count close to a
  // lockout, with its own emulator's clock), then the right code and the password again.
  async mfaLockout(args) {
    configure(args);
    const challenged = await signIn({ username: args.username, password: args.password });
    const wrongs = [];
    for (let i = 0; i < args.wrongCodes; i += 1) {
      wrongs.push(await caught(async () => confirmSignIn({ challengeResponse: wrong(await lastCode(args)) })));
    }
    const rightCode = await caught(async () => confirmSignIn({ challengeResponse: await lastCode(args) }));
    const password = await caught(() => signIn({ username: args.username, password: args.password }));
    return { challenged: challenged.nextStep.signInStep, wrongs, rightCode, password };
  },

  // USER_AUTH for nobody: the first factors Amplify is asked for, then a password answer to the
  // PASSWORD challenge (Amplify sends it as SELECT_CHALLENGE {ANSWER: PASSWORD}).
  async decoy(args) {
    configure(args);
    const steps = new Set();
    let step;
    for (let i = 0; i < 40 && step !== 'CONFIRM_SIGN_IN_WITH_PASSWORD'; i += 1) {
      const started = await signIn({ username: args.username, options: { authFlowType: 'USER_AUTH' } });
      step = started.nextStep.signInStep;
      steps.add(step);
    }
    const answer = await caught(() => confirmSignIn({ challengeResponse: args.password }));
    return { steps: [...steps].sort(), answer };
  },
};

await main(scenarios);
