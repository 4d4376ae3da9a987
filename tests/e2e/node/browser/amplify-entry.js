// Amplify v6 as a browser app would load it, bundled by esbuild for the browser tests
// (tests/e2e/browser.py builds it into dist/ on demand). The test page drives it through
// window: Amplify, every export of aws-amplify/auth, Hub, and configureAmplify(config).
//
// The config is kept in localStorage and applied again on every page load, as a real app
// configures Amplify at start-up: that is what lets a page coming back from the hosted UI
// (signInWithRedirect) finish the code exchange.
import { Amplify } from 'aws-amplify';
import * as auth from 'aws-amplify/auth';
import 'aws-amplify/auth/enable-oauth-listener';
import { Hub } from 'aws-amplify/utils';

const CONFIG_KEY = 'emulator-test:amplify-config';

window.Amplify = Amplify;
window.auth = auth;
window.Hub = Hub;
// Every Hub auth event, in order, so a test can wait for 'signInWithRedirect' or read a failure.
window.authEvents = [];
Hub.listen('auth', ({ payload }) => {
  window.authEvents.push({ event: payload.event, message: payload.message ?? null,
                           error: payload.data?.error ? String(payload.data.error) : null });
});

window.configureAmplify = (config) => {
  localStorage.setItem(CONFIG_KEY, JSON.stringify(config));
  Amplify.configure(config);
};

const saved = localStorage.getItem(CONFIG_KEY);
if (saved) Amplify.configure(JSON.parse(saved));
window.amplifyReady = true;
