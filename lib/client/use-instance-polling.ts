"use client";
import { useQuery } from "@tanstack/react-query";
import type { InstanceDto, InstanceDetail } from "@/lib/server/queries/instances";

const POLL_MS = 1500;

/**
 * Fresh state for the instances on screen, polled only while one of them is in flight
 * (building, stopping, rebooting, deleting...). Rows that come back missing were deleted.
 */
export function useInstanceRows(initial: InstanceDto[]) {
  const ids = initial.map((r) => r.id);
  const query = useQuery({
    queryKey: ["instances", ids],
    queryFn: async (): Promise<InstanceDto[]> => {
      const res = await fetch(`/api/v1/instances?ids=${ids.join(",")}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return ((await res.json()) as { instances: InstanceDto[] }).instances;
    },
    initialData: initial,
    enabled: ids.length > 0,
    refetchInterval: (q) => ((q.state.data ?? []).some((r) => r.transitional) ? POLL_MS : false),
  });
  const fresh = new Map((query.data ?? []).map((r) => [r.id, r]));
  return { rows: ids.flatMap((id) => fresh.get(id) ?? []), refetch: query.refetch };
}

export function useInstanceDetail(initial: InstanceDetail) {
  return useQuery({
    queryKey: ["instance", initial.id],
    queryFn: async (): Promise<InstanceDetail | null> => {
      const res = await fetch(`/api/v1/instances/${initial.id}`, { cache: "no-store" });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as InstanceDetail;
    },
    initialData: initial,
    // Fast while a task runs; slowly while the hypervisor disagrees, until the power-state sync.
    refetchInterval: (q) => (q.state.data?.transitional ? POLL_MS : q.state.data?.guestPowerState ? 5000 : false),
  });
}
