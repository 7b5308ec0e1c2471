/** Signing in and out, changing the password, and the session state the app is built around. */
import './auth.css';

export { createSession, type Session, type SessionState, type Listener } from './session';
export { createSignInForm, type SignInOptions } from './sign-in';
export { createPasswordForm, type PasswordFormOptions } from './password';
export { createTwoFactorForm, type TwoFactorOptions } from './two-factor';
