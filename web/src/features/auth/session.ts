import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';

/** The signed-in user; null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const session = await api<{ user: Me; csrfToken: string }>('GET', '/api/auth/me');
        setCsrfToken(session.csrfToken);
        return session.user;
      } catch (error) {
        if ((error as { status?: number }).status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return async (username: string, password: string) => {
    const session = await api<{ user: Me; csrfToken: string }>('POST', '/api/auth/login', {
      username,
      password,
    });
    setCsrfToken(session.csrfToken);
    client.setQueryData(['me'], session.user);
    return session.user;
  };
}

export function hasPermission(me: Me | null | undefined, permission: string): boolean {
  return Boolean(me?.permissions.includes(permission));
}
