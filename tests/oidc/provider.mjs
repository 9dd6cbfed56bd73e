// A real OpenID Connect provider for the tests (the npm package oidc-provider), on loopback.
//
//   node tests/oidc/provider.mjs '{"clients":[…],"accounts":{"sub":{"email":…,"email_verified":true}}}'
//
// Prints "OIDC provider listening on http://127.0.0.1:PORT" once it serves; the issuer is that
// address. Signing in needs no form: the interaction logs in the account whose email is the
// request's login_hint (or the one named by GET /test/next-account?sub=…) and grants what
// was asked. GET /test/tamper?claims={…} makes the next token response's ID token carry
// those claims instead (re-signed with the provider's own key), for the tests of a wrong
// audience, an expired token or a wrong nonce.
import http from 'node:http';
import Provider from 'oidc-provider';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';

const config = JSON.parse(process.argv[2] ?? '{}');
const accounts = config.accounts ?? {};
const kid = 'test-key';
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };

let nextAccount;
let tamper;

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: config.clients ?? [],
  jwks: { keys: [jwk] },
  cookies: { keys: ['attest-tests-only'] },
  // Scope claims in the ID token, as Entra ID and Google put email there.
  conformIdTokenClaims: false,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  pkce: { required: () => true },
  async findAccount(ctx, sub) {
    if (!accounts[sub]) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...accounts[sub] }) };
  },
});

provider.use(async (ctx, next) => {
  if (ctx.path === '/test/next-account') {
    nextAccount = ctx.query.sub;
    ctx.body = { ok: true };
    return;
  }
  if (ctx.path === '/test/tamper') {
    tamper = JSON.parse(ctx.query.claims);
    ctx.body = { ok: true };
    return;
  }
  if (ctx.method === 'GET' && ctx.path.startsWith('/interaction/')) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const hint = details.params.login_hint;
    const accountId = nextAccount ?? Object.keys(accounts).find((sub) => accounts[sub].email === hint);
    nextAccount = undefined;
    let result;
    if (accountId) {
      const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      result = { login: { accountId }, consent: { grantId: await grant.save() } };
    } else {
      result = { error: 'access_denied', error_description: 'no such account' };
    }
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result));
    return;
  }
  await next();
  if (ctx.path === '/token' && tamper && ctx.body && ctx.body.id_token) {
    const claims = { ...decodeJwt(ctx.body.id_token), ...tamper };
    tamper = undefined;
    ctx.body.id_token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .sign(privateKey);
  }
});

server.on('request', provider.callback());
console.log(`OIDC provider listening on ${issuer}`);
