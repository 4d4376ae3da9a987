// Amplify v6 with remembered devices: signIn confirms the device from NewDeviceMetadata,
// rememberDevice / fetchDevices / forgetDevice, the next signIn runs device SRP, and a device the
// server forgot is dropped and the PASSWORD_VERIFIER answer sent again without it.
// Usage: node amplify_device_flows.mjs '{"scenario": "...", "url": ..., "userPoolId": ..., "clientId": ..., ...}'

import { AdminForgetDeviceCommand } from '@aws-sdk/client-cognito-identity-provider';
import { fetchAuthSession, fetchDevices, forgetDevice, rememberDevice, signIn, signOut } from 'aws-amplify/auth';

import { main, sdkClient } from './common.mjs';
import { configure } from './amplify_setup.mjs';

// Amplify names the device after navigator.userAgent when it confirms it; Node 20 has no navigator
// (getNewDeviceMetadata would then silently skip ConfirmDevice).
if (globalThis.navigator === undefined) {
  globalThis.navigator = { userAgent: 'amplify-node-e2e' };
}

const calls = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, options = {}) => {
  const request = input instanceof Request ? input : null;
  const headers = new Headers(options.headers ?? request?.headers ?? {});
  const text = typeof options.body === 'string' ? options.body : null;
  const body = text ? JSON.parse(text) : {};
  const sent = body.AuthParameters ?? body.ChallengeResponses ?? {};
  const response = await realFetch(input, options);
  calls.push({
    operation: (headers.get('x-amz-target') ?? '').split('.').pop(), challenge: body.ChallengeName,
    deviceKey: sent.DEVICE_KEY ?? body.DeviceKey ?? null, status: response.status,
  });
  return response;
};


async function signInObserved(args) {
  const from = calls.length;
  const result = await signIn({ username: args.username, password: args.password });
  const { tokens } = await fetchAuthSession();
  return {
    signIn: result,
    accessDeviceKey: tokens.accessToken.payload.device_key ?? null,
    calls: calls.slice(from),
  };
}

const scenarios = {
  // signIn (SRP; device confirmed) -> rememberDevice -> fetchDevices -> signOut -> signIn (device
  // SRP) -> forced refresh (GetTokensFromRefreshToken with DeviceKey) -> the admin forgets the device -> signOut -> signIn (retry without it, a new device) ->
  // forgetDevice -> fetchDevices.
  async remember(args) {
    configure(args);
    const first = await signInObserved(args);
    await rememberDevice();
    const devices = await fetchDevices();
    await signOut();

    const second = await signInObserved(args);
    const mark = calls.length;
    const { tokens: refreshed } = await fetchAuthSession({ forceRefresh: true });
    const refresh = { accessDeviceKey: refreshed.accessToken.payload.device_key ?? null, calls: calls.slice(mark) };
    await sdkClient(args.url).send(new AdminForgetDeviceCommand({
      UserPoolId: args.userPoolId, Username: args.username, DeviceKey: second.accessDeviceKey,
    }));
    await signOut();

    const third = await signInObserved(args);
    await forgetDevice();
    const afterForget = await fetchDevices();
    await signOut();
    return {
      first,
      devices: devices.map(({ id, name, attributes }) => ({ id, name, attributes })),
      second,
      refresh,
      third,
      afterForget: afterForget.length,
    };
  },
};

await main(scenarios);
