import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/endpoints.js';
import { keys } from '../../api/query-client.js';

export function useCommunity(slug: string) {
  return useQuery({ queryKey: keys.group(slug), queryFn: () => api.groups.get(slug) });
}
