// User migration through Amplify v6: the legacy user signs in with USER_PASSWORD_AUTH (SRP never
// sends the password, so AWS, and the emulator, cannot migrate on it), then with plain SRP once
// migrated. Usage: node migration_flows.mjs '{"scenario": "...", "url": ..., "userPoolId": ...,
//                                              "clientId": ..., "username": ..., "password": ...}'

import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';

import { caught, main } from './common.mjs';
import { configure } from './amplify_setup.mjs';

const scenarios = {
  async amplify_migration(args) {
    configure(args);
    const beforeSrp = await caught(() => signIn({ username: args.username, password: args.password }));
    const migrated = await signIn({
      username: args.username, password: args.password, options: { authFlowType: 'USER_PASSWORD_AUTH' },
    });
    const session = await fetchAuthSession();
    await signOut();
    const srpAfter = await signIn({ username: args.username, password: args.password });
    return {
      beforeSrp, migrated, idPayload: session.tokens?.idToken?.payload, srpAfter,
    };
  },
};

main(scenarios);
