// What the signed-in key may do (GET /auth/whoami): the console shows only that.
import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import { queryKeys } from './query-keys';

export type Access = 'read' | 'operate' | 'manage' | 'admin';
export interface WhoAmI {
  key_id: number;
  name: string;
  prefix: string;
  role: string;
  tenant_id: number | null;
  access: Access[];
}

export function useAccess() {
  const who = useQuery({ queryKey: queryKeys.whoami(), queryFn: () => api<WhoAmI>('/auth/whoami'), staleTime: 60_000 });
  const can = (a: Access) => !!who.data?.access.includes(a);
  return { who: who.data, can };
}
