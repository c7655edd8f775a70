// The login page: a user and password (the operator's from etc/security/operator.token), or an API
// token (viewers have tokens only). POST /api/login sets the HttpOnly session cookie.

import { h, fill } from '../dom.js';
import { post } from '../api.js';

export function mount(root, message, done) {
  const error = h('p.error', { role: 'alert', hidden: true });
  const user = h('input#login-user', { name: 'user', autocomplete: 'username', required: true });
  const password = h('input#login-password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const token = h('input#login-token', { name: 'token', type: 'password', autocomplete: 'off', required: true });
  const submit = async (body, form) => {
    error.hidden = true;
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      done(await post('/login', body));
    } catch (e) {
      error.textContent = e.describe ? e.describe() : String(e);
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  };
  const byPassword = h('form#login-form.card', {
    on: { submit: (e) => { e.preventDefault(); submit({ user: user.value, password: password.value }, e.target); } },
  },
  h('h2', 'Log in'),
  h('label', { for: 'login-user' }, 'User'), user,
  h('label', { for: 'login-password' }, 'Password'), password,
  h('button#login-submit', { type: 'submit' }, 'Log in'));
  const byToken = h('form#token-form.card', {
    on: { submit: (e) => { e.preventDefault(); submit({ token: token.value }, e.target); } },
  },
  h('h2', 'Or with an API token'),
  h('label', { for: 'login-token' }, 'Token'), token,
  h('p.muted', 'Viewers have tokens only: bin/sync token-create <name> --role VIEWER.'),
  h('button#token-submit', { type: 'submit' }, 'Log in with the token'));
  fill(root,
    h('h1', 'Sync Center'),
    message ? h('p.info', message) : null,
    error,
    h('div.login', byPassword, byToken),
    h('p.muted', 'The first start wrote the operator\'s user and password into etc/security/operator.token.'));
  user.focus();
}
