// amazon-cognito-identity-js with remembered devices: acij confirms the device from NewDeviceMetadata
// itself, answers DEVICE_SRP_AUTH itself on the next sign-in (same Storage), and drops a device the
// server forgot ('Device does not exist.') before answering PASSWORD_VERIFIER again without it.
// Usage: node acij_device_flows.mjs '{"scenario": "...", "url": ..., "userPoolId": ..., "clientId": ..., ...}'

import { AdminForgetDeviceCommand } from '@aws-sdk/client-cognito-identity-provider';
import acij from 'amazon-cognito-identity-js';

import { inMemoryStorage, jwtPayload, main, sdkClient } from './common.mjs';

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = acij;

// Every Cognito call acij makes: operation, challenge answered, whether DEVICE_KEY was sent.
const calls = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, options = {}) => {
  const headers = options.headers ?? {};
  const target = headers['X-Amz-Target'] ?? headers['x-amz-target'] ?? '';
  const body = typeof options.body === 'string' ? JSON.parse(options.body) : {};
  const sent = body.AuthParameters ?? body.ChallengeResponses ?? {};
  const response = await realFetch(url, options);
  calls.push({
    operation: target.split('.').pop(), challenge: body.ChallengeName, deviceKey: sent.DEVICE_KEY ?? null,
    status: response.status,
  });
  return response;
};

const promised = (fn) => new Promise((resolve, reject) => fn({ onSuccess: resolve, onFailure: reject }));

function signIn(args, storage) {
  const pool = new CognitoUserPool({
    UserPoolId: args.userPoolId, ClientId: args.clientId, endpoint: `${args.url}/`, Storage: storage,
  });
  const user = new CognitoUser({ Username: args.username, Pool: pool, Storage: storage });
  const details = new AuthenticationDetails({ Username: args.username, Password: args.password });
  return new Promise((resolve, reject) => {
    user.authenticateUser(details, {
      onSuccess: (session, userConfirmationNecessary) => resolve({ user, session, userConfirmationNecessary }),
      onFailure: reject,
      mfaRequired: () => reject(new Error('unexpected SMS_MFA')),
      totpRequired: () => reject(new Error('unexpected SOFTWARE_TOKEN_MFA')),
      newPasswordRequired: () => reject(new Error('unexpected NEW_PASSWORD_REQUIRED')),
    });
  });
}

function observed(signedIn, from) {
  return {
    deviceKey: signedIn.user.deviceKey ?? null,
    accessDeviceKey: jwtPayload(signedIn.session.getAccessToken().getJwtToken()).device_key ?? null,
    userConfirmationNecessary: signedIn.userConfirmationNecessary ?? null,
    calls: calls.slice(from),
  };
}

const scenarios = {
  // sign in (new device, confirmed by acij) -> remembered -> listDevices -> sign in again with the
  // same Storage (device SRP) -> refresh with the device -> the admin forgets the device -> sign in
  // again (acij retries without it: a new device) -> forgetDevice.
  async remember(args) {
    const storage = inMemoryStorage();
    const first = await signIn(args, storage);
    const firstSeen = observed(first, 0);
    await promised((cb) => first.user.setDeviceStatusRemembered(cb));
    const listed = await promised((cb) => first.user.listDevices(60, null, cb));

    let mark = calls.length;
    const second = await signIn(args, storage);
    const secondSeen = observed(second, mark);

    mark = calls.length;
    const refreshed = await new Promise((resolve, reject) => second.user.refreshSession(
      second.session.getRefreshToken(), (error, session) => (error ? reject(error) : resolve(session))));
    const refreshSeen = {
      accessDeviceKey: jwtPayload(refreshed.getAccessToken().getJwtToken()).device_key ?? null,
      calls: calls.slice(mark),
    };

    await sdkClient(args.url).send(new AdminForgetDeviceCommand({
      UserPoolId: args.userPoolId, Username: args.username, DeviceKey: secondSeen.deviceKey,
    }));
    mark = calls.length;
    const third = await signIn(args, storage);
    const thirdSeen = observed(third, mark);

    await promised((cb) => third.user.forgetDevice(cb));
    const afterForget = await promised((cb) => third.user.listDevices(60, null, cb));
    return {
      first: firstSeen,
      listed: listed.Devices.map((device) => device.DeviceKey),
      second: secondSeen,
      refresh: refreshSeen,
      third: thirdSeen,
      deviceKeyAfterForget: third.user.deviceKey ?? null,
      listedAfterForget: afterForget.Devices.length,
    };
  },
};

await main(scenarios);
