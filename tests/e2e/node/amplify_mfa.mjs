// aws-amplify v6 with TOTP MFA: setUpTOTP -> verifyTOTPSetup -> updateMFAPreference while signed
// in, then signIn -> CONFIRM_SIGN_IN_WITH_TOTP_CODE -> confirmSignIn({challengeResponse}).
// Usage: node amplify_mfa.mjs '{"scenario": "totp", "url": ..., "userPoolId": ..., "clientId": ..., ...}'

import {
  confirmSignIn, fetchAuthSession, fetchMFAPreference, setUpTOTP, signIn, signOut, updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth';

import { caught, main } from './common.mjs';
import { configure } from './amplify_setup.mjs';
import { totpCode, wrongCode } from './mfa_totp.mjs';


const scenarios = {
  async totp(args) {
    configure(args);
    const first = await signIn({ username: args.username, password: args.password });
    const details = await setUpTOTP();
    const secret = details.sharedSecret;
    const setupUri = details.getSetupUri('emulator', args.username).toString();
    const code = await totpCode(args.url, secret);
    const wrongSetup = await caught(() => verifyTOTPSetup({ code: wrongCode(code) }));
    await verifyTOTPSetup({ code, options: { friendlyDeviceName: 'amplify-device' } });
    await updateMFAPreference({ totp: 'PREFERRED' });
    const preference = await fetchMFAPreference();
    await signOut();

    const challenged = await signIn({ username: args.username, password: args.password });
    const next = await totpCode(args.url, secret, 1);
    const wrong = await caught(() => confirmSignIn({ challengeResponse: wrongCode(next) }));
    const confirmed = await confirmSignIn({ challengeResponse: next });
    const session = await fetchAuthSession();
    return {
      first: first.nextStep.signInStep,
      setupUri,
      wrongSetup,
      preference,
      challenged: challenged.nextStep,
      wrong,
      confirmed,
      username: session.tokens?.accessToken.payload.username,
    };
  },
};

await main(scenarios);
