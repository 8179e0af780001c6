// Who is logged in, from `me`. The token itself lives in an HttpOnly cookie that scripts cannot read.
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { ApiError, onSessionEnded, request, resetLiveConnection } from './api/client';
import { graphql } from './gql';
import type { SessionMeQuery } from './gql/graphql';

export const SessionMe = graphql(`
  query SessionMe {
    me {
      id
      name
      email
      phone
      role
      agency {
        id
        code
        name
      }
    }
  }
`);

const SessionLogin = graphql(`
  mutation SessionLogin($input: TokenCreateInput!) {
    tokenCreate(input: $input) {
      expiresAt
      user {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const SessionCurrent = graphql(`
  query SessionCurrent {
    mySessions {
      id
      isCurrent
    }
  }
`);

const SessionLogout = graphql(`
  mutation SessionLogout($input: SessionRevokeInput!) {
    sessionRevoke(input: $input) {
      errors {
        field
        code
        message
      }
    }
  }
`);

export type Me = NonNullable<SessionMeQuery['me']>;
export type Role = Me['role'];
export type PayloadErrors = { field?: string | null; code: string; message: string }[];

type SessionState = {
  me: Me | null;
  loading: boolean;
  reload: () => Promise<void>;
  login: (email: string, password: string) => Promise<PayloadErrors>;
  logout: () => Promise<void>;
};

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const reload = useCallback(async () => {
    try {
      setMe((await request(SessionMe)).me ?? null);
    } catch {
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
    return onSessionEnded(() => {
      setMe(null);
      resetLiveConnection();
    });
  }, [reload]);

  const login = async (email: string, password: string): Promise<PayloadErrors> => {
    const { tokenCreate } = await request(SessionLogin, { input: { email, password, cookie: true } });
    if (tokenCreate.errors.length) return tokenCreate.errors;
    resetLiveConnection();
    await reload();
    return [];
  };

  /** End this browser's session on the server; throws (and keeps the session) when that failed, so a
   *  shared computer never shows "logged out" while the session still works. */
  const logout = async () => {
    const current = (await request(SessionCurrent)).mySessions.find((session) => session.isCurrent);
    if (current) {
      const { sessionRevoke } = await request(SessionLogout, { input: { id: current.id } });
      const [failure] = sessionRevoke.errors;
      if (failure) throw new ApiError(failure.message, failure.code);
    }
    resetLiveConnection();
    setMe(null);
  };

  return <SessionContext.Provider value={{ me, loading, reload, login, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
