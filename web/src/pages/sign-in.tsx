// Sign-in with an API key, kept for this browser session only (sessionStorage).
import { type FormEvent, useState } from 'react';
import { ApiError, api, session } from '../api';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    session.signIn(key.trim());
    try {
      await api('/fleet/overview');
      onSignedIn();
    } catch (err) {
      session.signOut();
      setError(
        err instanceof ApiError && err.status === 401
          ? 'That API key is not valid.'
          : `Sign-in failed: ${(err as Error).message}`,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in" id="main">
      <form onSubmit={submit} className="card" aria-describedby="sign-in-help">
        <h1>IonMesh console</h1>
        <p id="sign-in-help" className="muted">
          Sign in with an API key. It is kept for this browser session only and sent with each request.
        </p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="current-password"
          required
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !key.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
